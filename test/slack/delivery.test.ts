import { describe, expect, it } from "vitest";
import { SeenEvents } from "../../src/slack/delivery.js";

describe("SeenEvents", () => {
  it("lets each event id through once", () => {
    const seen = new SeenEvents();
    expect([seen.firstTime("Ev1", 0), seen.firstTime("Ev1", 1), seen.firstTime("Ev2", 2)]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("forgets ids after the TTL", () => {
    const seen = new SeenEvents(1_000);
    seen.firstTime("Ev1", 0);
    expect(seen.firstTime("Ev1", 999)).toBe(false);
    expect(seen.firstTime("Ev1", 2_000)).toBe(true);
  });

  it("keeps at most `limit` ids, dropping the oldest", () => {
    const seen = new SeenEvents(60_000, 2);
    seen.firstTime("Ev1", 0);
    seen.firstTime("Ev2", 1);
    seen.firstTime("Ev3", 2);
    expect(seen.firstTime("Ev3", 3)).toBe(false);
    expect(seen.firstTime("Ev1", 4)).toBe(true);
  });
});
