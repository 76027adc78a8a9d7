/** The event log on its own (event-log.ts): de-duplication with recording off, on either engine. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEventLog, type EventLog } from "../../src/store/event-log.js";
import { createRecorder } from "../../src/store/open-store.js";
import { describePg, freshDatabase } from "../helpers/postgres.js";
import { tempDir } from "../helpers/tmp.js";
import { silent } from "./helpers.js";

const dir = tempDir("scenario-events");
let files = 0;
const tempDb = () => path.join(dir, `events-${++files}.db`);

const open: EventLog[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});
const log = (settings: { databasePath: string; databaseUrl?: string }) => {
  const events = createEventLog(settings, silent);
  open.push(events);
  return events;
};

describe("the event log with RECORD_QUESTIONS=false (SQLite)", () => {
  it("is true once per id for two instances on one file, and the recorder says so", async () => {
    const databasePath = tempDb();
    const [a, b] = [log({ databasePath }), log({ databasePath })];
    expect([await a.firstDelivery("Ev1"), await b.firstDelivery("Ev1")]).toEqual([true, false]);
    const off = createRecorder({ enabled: false, retentionDays: 90, databasePath }, silent);
    open.push(off);
    expect(off.health().state).toBe("off");
    expect(await off.firstDelivery("Ev1")).toBe(false);
    expect(await off.firstDelivery("Ev2")).toBe(true);
  });

  it("cannot tell when the file is no database, so the caller falls back to memory", async () => {
    const databasePath = tempDb();
    writeFileSync(databasePath, "not a database ".repeat(200));
    expect(await log({ databasePath }).firstDelivery("Ev1")).toBeUndefined();
  });
});

describePg("the event log with RECORD_QUESTIONS=false (PostgreSQL)", () => {
  it("is true once per id for two instances on one database, offered at once", async () => {
    const { url } = await freshDatabase();
    const settings = { databasePath: ":memory:", databaseUrl: url };
    const [a, b] = [log(settings), log(settings)];
    const offers = Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).firstDelivery("Ev1"));
    const answers = await Promise.all(offers);
    expect(answers.filter((x) => x === true)).toHaveLength(1);
    expect(answers.filter((x) => x === false)).toHaveLength(19);
  });
});
