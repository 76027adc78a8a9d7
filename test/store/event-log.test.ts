/** Slack event ids remembered in the database: across restarts and between instances. */
import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { firstDelivery, SeenEvents } from "../../src/slack/delivery.js";
import { DISABLED_RECORDER } from "../../src/store/types.js";
import { recorder, tempDb, track } from "./helpers.js";

const HOUR = 60 * 60 * 1000;

describe("firstDelivery", () => {
  it("is true once per event id for two instances on one database", async () => {
    const file = tempDb();
    const a = recorder(file);
    const b = recorder(file);
    expect([
      await a.firstDelivery("Ev1"),
      await b.firstDelivery("Ev1"),
      await a.firstDelivery("Ev1"),
    ]).toEqual([true, false, false]);
    expect([await b.firstDelivery("Ev2"), await a.firstDelivery("Ev2")]).toEqual([true, false]);
  });

  it("still says seen after a restart", async () => {
    const file = tempDb();
    const first = recorder(file);
    expect(await first.firstDelivery("Ev1")).toBe(true);
    first.close();
    const second = recorder(file);
    expect(await second.firstDelivery("Ev1")).toBe(false);
    expect(await second.firstDelivery("Ev2")).toBe(true);
  });

  it("forgets an id after an hour, and purges old ids lazily", async () => {
    const file = tempDb();
    let now = Date.UTC(2026, 0, 1);
    const rec = recorder(file, { now: () => now });
    expect(await rec.firstDelivery("Ev1")).toBe(true);
    now += HOUR - 1;
    expect(await rec.firstDelivery("Ev1")).toBe(false);
    now += 1;
    expect(await rec.firstDelivery("Ev1")).toBe(true);

    expect(await rec.firstDelivery("Ev2")).toBe(true);
    now += 2 * HOUR;
    expect(await rec.firstDelivery("Ev3")).toBe(true);
    const db = track(new Database(file, { readonly: true }));
    expect(db.prepare("SELECT event_id FROM seen_events").all()).toEqual([{ event_id: "Ev3" }]);
  });

  it("cannot tell when recording is off or the database fails, so the caller falls back", async () => {
    expect(await DISABLED_RECORDER.firstDelivery("Ev1")).toBeUndefined();
    const file = tempDb();
    writeFileSync(file, "not a database ".repeat(200));
    const rec = recorder(file, { retryMs: 60_000 });
    expect(await rec.firstDelivery("Ev1")).toBeUndefined();
    rec.close();
    expect(await recorder(tempDb()).firstDelivery("Ev1")).toBe(true);
    expect(await rec.firstDelivery("Ev1")).toBeUndefined();
  });
});

describe("the app's de-duplication (src/slack/delivery.ts)", () => {
  it("drops a delivery that another instance on the database handled", async () => {
    const file = tempDb();
    const [a, b] = [recorder(file), recorder(file)];
    expect(await firstDelivery("Ev1", new SeenEvents(), a)).toBe(true);
    expect(await firstDelivery("Ev1", new SeenEvents(), b)).toBe(false);
  });

  it("falls back to the process's memory when the database cannot tell", async () => {
    const seen = new SeenEvents();
    expect(await firstDelivery("Ev1", seen, DISABLED_RECORDER)).toBe(true);
    expect(await firstDelivery("Ev1", seen, DISABLED_RECORDER)).toBe(false);
    // An id seen here is a repeat even if the database has lost it.
    const file = tempDb();
    expect(await firstDelivery("Ev1", seen, recorder(file))).toBe(false);
  });
});
