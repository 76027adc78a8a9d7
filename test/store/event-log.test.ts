/** Slack event ids remembered in the database: across restarts and between instances. */
import { writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { firstDelivery, SeenEvents } from "../../src/slack/delivery.js";
import { DISABLED_RECORDER } from "../../src/store/types.js";
import { recorder, tempDb, track } from "./helpers.js";

const HOUR = 60 * 60 * 1000;

describe("firstDelivery", () => {
  it("is true once per event id for two instances on one database", () => {
    const file = tempDb();
    const a = recorder(file);
    const b = recorder(file);
    expect([a.firstDelivery("Ev1"), b.firstDelivery("Ev1"), a.firstDelivery("Ev1")]).toEqual([
      true,
      false,
      false,
    ]);
    expect([b.firstDelivery("Ev2"), a.firstDelivery("Ev2")]).toEqual([true, false]);
  });

  it("still says seen after a restart", () => {
    const file = tempDb();
    const first = recorder(file);
    expect(first.firstDelivery("Ev1")).toBe(true);
    first.close();
    const second = recorder(file);
    expect(second.firstDelivery("Ev1")).toBe(false);
    expect(second.firstDelivery("Ev2")).toBe(true);
  });

  it("forgets an id after an hour, and purges old ids lazily", () => {
    const file = tempDb();
    let now = Date.UTC(2026, 0, 1);
    const rec = recorder(file, { now: () => now });
    expect(rec.firstDelivery("Ev1")).toBe(true);
    now += HOUR - 1;
    expect(rec.firstDelivery("Ev1")).toBe(false);
    now += 1;
    expect(rec.firstDelivery("Ev1")).toBe(true);

    expect(rec.firstDelivery("Ev2")).toBe(true);
    now += 2 * HOUR;
    expect(rec.firstDelivery("Ev3")).toBe(true);
    const db = track(new Database(file, { readonly: true }));
    expect(db.prepare("SELECT event_id FROM seen_events").all()).toEqual([{ event_id: "Ev3" }]);
  });

  it("cannot tell when recording is off or the database fails, so the caller falls back", () => {
    expect(DISABLED_RECORDER.firstDelivery("Ev1")).toBeUndefined();
    const file = tempDb();
    writeFileSync(file, "not a database ".repeat(200));
    const rec = recorder(file, { retryMs: 60_000 });
    expect(rec.firstDelivery("Ev1")).toBeUndefined();
    rec.close();
    expect(recorder(tempDb()).firstDelivery("Ev1")).toBe(true);
    expect(rec.firstDelivery("Ev1")).toBeUndefined();
  });
});

describe("the app's de-duplication (src/slack/delivery.ts)", () => {
  it("drops a delivery that another instance on the database handled", () => {
    const file = tempDb();
    const [a, b] = [recorder(file), recorder(file)];
    expect(firstDelivery("Ev1", new SeenEvents(), a)).toBe(true);
    expect(firstDelivery("Ev1", new SeenEvents(), b)).toBe(false);
  });

  it("falls back to the process's memory when the database cannot tell", () => {
    const seen = new SeenEvents();
    expect(firstDelivery("Ev1", seen, DISABLED_RECORDER)).toBe(true);
    expect(firstDelivery("Ev1", seen, DISABLED_RECORDER)).toBe(false);
    // An id seen here is a repeat even if the database has lost it.
    const file = tempDb();
    expect(firstDelivery("Ev1", seen, recorder(file))).toBe(false);
  });
});
