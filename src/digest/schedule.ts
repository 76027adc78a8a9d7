/**
 * When the weekly digest is due: a weekday and a time in a time zone (DIGEST_SCHEDULE,
 * DIGEST_TZ), computed with Intl, so that daylight saving time moves with the zone.
 */
export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  weekday: Weekday;
  hour: number;
  minute: number;
  /** An IANA time zone, such as Europe/Paris or UTC. */
  timeZone: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "mon 09:00" → its weekday and time; throws with what is expected. */
export function parseSchedule(text: string): Pick<Schedule, "weekday" | "hour" | "minute"> {
  const match = /^([a-z]{3})[a-z]*\s+(\d{1,2}):(\d{2})$/i.exec(text.trim());
  const weekday = match?.[1]?.toLowerCase() as Weekday | undefined;
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (weekday === undefined || !WEEKDAYS.includes(weekday) || hour > 23 || minute > 59) {
    throw new Error('must be a weekday and a 24-hour time, such as "mon 09:00"');
  }
  return { weekday, hour, minute };
}

/** Whether Intl knows the time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at `instant`, as if it were UTC (milliseconds). */
function wallClock(instant: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    // Bounded: one per zone the settings name.
    if (formats.size < 16) formats.set(timeZone, format);
  }
  const parts = new Map(
    format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
  return Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
}

/** The instant whose wall clock in `timeZone` reads `wall` (a gap in spring: just after it). */
function fromWallClock(wall: number, timeZone: string): number {
  let instant = wall;
  for (let i = 0; i < 3; i++) instant = wall - (wallClock(instant, timeZone) - instant);
  return instant;
}

/** The scheduled instant at or before `now`: the week the last digest was due for. */
export function lastDue(now: number, schedule: Schedule): number {
  const wall = wallClock(now, schedule.timeZone);
  const today = new Date(wall);
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const back = (today.getUTCDay() - WEEKDAYS.indexOf(schedule.weekday) + 7) % 7;
  const at = (daysBack: number) =>
    fromWallClock(
      midnight - daysBack * DAY_MS + (schedule.hour * 60 + schedule.minute) * 60_000,
      schedule.timeZone,
    );
  const due = at(back);
  return due <= now ? due : at(back + 7);
}

/** The next scheduled instant after `now`. */
export function nextDue(now: number, schedule: Schedule): number {
  // A week on from the last one, on the wall clock (daylight saving time may shift it an hour).
  const last = lastDue(now, schedule);
  let next = lastDue(last + 8 * DAY_MS, schedule);
  while (next - DAY_MS > now && lastDue(next - DAY_MS, schedule) > now) {
    next = lastDue(next - DAY_MS, schedule);
  }
  return next;
}
