/**
 * The event log: Slack event ids already handled, in the database every instance shares, so
 * that a retried delivery is answered once whichever instance gets it. Its own job, apart from
 * recording: it works whatever RECORD_QUESTIONS says (an event id is no personal data), and
 * opens its database on first use only, so that code that never de-duplicates (the CLI, the
 * playground) never touches it.
 */
import type { RecordingSettings } from "../config/settings.js";
import { createPool, migratedSql } from "./postgres.js";
import { HOUR_MS } from "./rows.js";
import type { Sql } from "./sql.js";
import { SqliteFile } from "./sqlite-file.js";
import { within } from "./steps.js";
import type { Log } from "./types.js";

export interface EventLog {
  /**
   * Remembers a Slack event id, for an hour, shared by every instance on the database: true
   * the first time, false for a repeat, undefined when the database cannot tell (failing), so
   * that the caller falls back to its own memory. Never rejects.
   */
  firstDelivery(eventId: string): Promise<boolean | undefined>;
  close(): Promise<void>;
}

export const NO_EVENT_LOG: EventLog = {
  firstDelivery: async () => undefined,
  close: async () => {},
};

// One statement, so two instances offered the same id cannot both see it first (PostgreSQL: the
// second waits for the first's row, then finds it fresh). A row past its time (not purged yet)
// counts as not seen. The same text on both engines (sql.ts).
const MARK_EVENT = `INSERT INTO seen_events (event_id, seen_at) VALUES (?, ?)
  ON CONFLICT (event_id) DO UPDATE SET seen_at = excluded.seen_at
  WHERE seen_events.seen_at <= ?`;
const FORGET_EVENTS = "DELETE FROM seen_events WHERE seen_at <= ?";

/** Marks `eventId` seen at `now`: true when it was not seen within `ttlMs` before. */
export async function markEvent(
  sql: Sql,
  eventId: string,
  now: number,
  ttlMs: number,
): Promise<boolean> {
  return (await sql.run(MARK_EVENT, [eventId, now, now - ttlMs])) === 1;
}

/** Deletes the ids past their time; resolves to how many went. */
export function forgetEvents(sql: Sql, now: number, ttlMs: number): Promise<number> {
  return sql.run(FORGET_EVENTS, [now - ttlMs]);
}

/**
 * markEvent, after forgetting the ids past their time now and then (every sixth of `ttlMs`;
 * `forgot.at` remembers when): an expired id left behind meanwhile still counts as not seen.
 * What the event log and the recorders both do.
 */
export async function markFirstDelivery(
  sql: Sql,
  eventId: string,
  now: number,
  ttlMs: number,
  forgot: { at: number },
): Promise<boolean> {
  if (now - forgot.at >= ttlMs / 6) {
    forgot.at = now;
    await forgetEvents(sql, now, ttlMs);
  }
  return markEvent(sql, eventId, now, ttlMs);
}

export interface EventLogOptions {
  /** How long an id is remembered, in ms. */
  ttlMs?: number;
  /** How long to wait for the database before saying it cannot tell, in ms. */
  timeoutMs?: number;
  now?: () => number;
  log: Log;
}

/**
 * The event log on `sql()` (opened on first use; a failure is tried again next time): the mark
 * and, now and then, the purge of old ids. A failure is logged once per distinct error.
 */
export class SqlEventLog implements EventLog {
  readonly #ttlMs: number;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #log: Log;
  readonly #forgot = { at: Number.NEGATIVE_INFINITY };
  #lastError: string | undefined;
  #closed = false;

  constructor(
    private readonly sql: () => Sql | Promise<Sql>,
    private readonly onClose: () => Promise<void> | void,
    options: EventLogOptions,
  ) {
    this.#ttlMs = options.ttlMs ?? HOUR_MS;
    this.#timeoutMs = options.timeoutMs ?? 5_000;
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
  }

  async firstDelivery(eventId: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    const now = this.#now();
    const marked = (async () =>
      markFirstDelivery(await this.sql(), eventId, now, this.#ttlMs, this.#forgot))();
    try {
      const ms = this.#timeoutMs;
      const first = await within(marked, ms, () => new Error(`no answer within ${ms} ms`));
      if (this.#lastError !== undefined) this.#log.info("event log: database available again");
      this.#lastError = undefined;
      return first;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.#lastError) {
        this.#log.warn(`event log: de-duplication failed, falling back to memory (${message})`);
      }
      this.#lastError = message;
      return undefined;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.onClose();
  }
}

/**
 * The event log the settings name, whether recording is on or not: PostgreSQL when DATABASE_URL
 * is set, else the SQLite file at DATABASE_PATH (the same database the records use).
 */
export function createEventLog(
  settings: Pick<RecordingSettings, "databasePath" | "databaseUrl">,
  log: Log,
  options: Omit<EventLogOptions, "log"> = {},
): EventLog {
  const url = settings.databaseUrl;
  if (url !== undefined) {
    const pool = createPool(url, {
      max: 2,
      onError: (error) =>
        log.warn(`event log: a PostgreSQL connection was lost (${error.message})`),
    });
    return new SqlEventLog(migratedSql(pool), () => pool.end(), { ...options, log });
  }
  // busy_timeout 0, as the recorder: a locked database says "cannot tell" rather than hold up
  // the event loop. Followed as the recorder's file is: one deleted or replaced is opened anew.
  const file = new SqliteFile(settings.databasePath, {
    busyTimeoutMs: 0,
    onReopen: (why) =>
      log.warn(`event log: ${settings.databasePath} ${why} while open; opening it anew`),
  });
  const sql = (): Sql => {
    try {
      return file.sql();
    } catch (error) {
      file.dropIfClosed();
      throw error;
    }
  };
  return new SqlEventLog(sql, () => file.close(), { ...options, log });
}
