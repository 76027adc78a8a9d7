import { describe, expect, it } from "vitest";
import { lastDue, nextDue, parseSchedule, type Schedule } from "../../src/digest/schedule.js";

const monday9 = (timeZone: string): Schedule => ({ ...parseSchedule("mon 09:00"), timeZone });
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("the digest's schedule", () => {
  it("reads a weekday and a 24-hour time, and refuses anything else", () => {
    expect(parseSchedule("Monday 9:30")).toEqual({ weekday: "mon", hour: 9, minute: 30 });
    expect(parseSchedule("fri 17:05")).toEqual({ weekday: "fri", hour: 17, minute: 5 });
    for (const bad of ["", "mon", "09:00", "xyz 09:00", "mon 24:00", "mon 9:60", "mon 9h"]) {
      expect(() => parseSchedule(bad), bad).toThrow(/such as "mon 09:00"/);
    }
  });

  it("finds the last Monday 09:00 in UTC", () => {
    const s = monday9("UTC");
    // 2026-12-07 is a Monday.
    expect(iso(lastDue(at("2026-12-07T09:00:00Z"), s))).toBe("2026-12-07T09:00:00.000Z");
    expect(iso(lastDue(at("2026-12-07T08:59:59Z"), s))).toBe("2026-11-30T09:00:00.000Z");
    expect(iso(lastDue(at("2026-12-10T12:00:00Z"), s))).toBe("2026-12-07T09:00:00.000Z");
    expect(iso(nextDue(at("2026-12-07T09:00:00Z"), s))).toBe("2026-12-14T09:00:00.000Z");
    expect(iso(nextDue(at("2026-12-06T23:00:00Z"), s))).toBe("2026-12-07T09:00:00.000Z");
  });

  it("keeps 09:00 on the zone's wall clock across daylight saving time", () => {
    const s = monday9("Europe/Paris");
    // Winter: UTC+1; summer: UTC+2 (the clocks went forward on Sunday 2026-03-29).
    expect(iso(lastDue(at("2026-03-24T12:00:00Z"), s))).toBe("2026-03-23T08:00:00.000Z");
    expect(iso(lastDue(at("2026-03-31T12:00:00Z"), s))).toBe("2026-03-30T07:00:00.000Z");
    expect(iso(nextDue(at("2026-03-24T12:00:00Z"), s))).toBe("2026-03-30T07:00:00.000Z");
    // A day boundary that differs from UTC's: Monday 09:00 in Auckland is Sunday in UTC.
    const nz = monday9("Pacific/Auckland");
    expect(iso(lastDue(at("2026-12-06T21:00:00Z"), nz))).toBe("2026-12-06T20:00:00.000Z");
  });
});
