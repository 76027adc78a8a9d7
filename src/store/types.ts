/**
 * What is recorded, and the Recorder's jobs, which the shared recorder (sql-recorder.ts) does on
 * SQLite (sqlite-recorder.ts) or PostgreSQL (postgres-recorder.ts). Free of either driver, so
 * that code which only passes a recorder along (the CLI's `ask`) loads neither.
 */
import type { EventLog } from "./event-log.js";
import type { Report, ReportOptions } from "./report.js";
import type { Sql } from "./sql.js";
import type { Surface } from "./surfaces.js";

export const FEEDBACK_KINDS = ["helpful", "not_quite", "picked", "none_of_these"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export interface AnswerRecord {
  /** Made by the app, so that an answer message's buttons can name the answer before it is written. */
  id: string;
  /** Slack team id; null from the command line. */
  workspaceId: string | null;
  surface: Surface;
  /** Clear user id: hashed before it is stored. */
  userId: string | null;
  /** The normalised question. */
  question: string;
  /** The answer, or null for no match. */
  scenarioId: string | null;
  /** The best card's score (0 for no match): a float, not the high/low confidence of an Answer. */
  score: number;
  alternatives: string[];
}

export interface FeedbackRecord {
  kind: FeedbackKind;
  workspaceId: string | null;
  userId: string | null;
  /** The alternative picked, for kind "picked". */
  scenarioId?: string | null;
}

export interface RecorderHealth {
  /** off: recording disabled; ok: writes land; degraded: writes are failing and queued. */
  state: "off" | "ok" | "degraded";
  /** Writes waiting for the database. */
  pending: number;
  /** Writes given up because the queue was full. */
  dropped: number;
  lastError?: string;
  /** Times the database file was found deleted or replaced, and opened anew. */
  reopened?: number;
  /** When and why it was last opened anew. */
  lastReopen?: string;
}

/** Counters since start, for metrics (queue depth, writes, retries, drops). */
export interface RecorderStats {
  /** Writes waiting for the database (health's `pending`). */
  pending: number;
  /** Records written (committed). */
  written: number;
  /** Retries of the queue after a failure. */
  retries: number;
  /** Records given up: the queue was full, or the database refused them (health's `dropped`). */
  dropped: number;
}

/*
 * The recorder's jobs, one interface each, so that a caller names the one it needs: writing
 * answers, feedback, health, reporting, retention, the weekly digest's claim, and (event-log.ts)
 * de-duplication. Writing never throws and never waits on the database: records and feedback
 * are synchronous calls that write at once or queue. What must read the database returns a
 * promise, which never rejects.
 */

/** Writing answers. */
export interface AnswerWriter {
  /**
   * Queues the answer. It is committed, and survives a crash of the process, at the end of this
   * event-loop turn, with the others of the turn (under group commit, at the end of the
   * interval); while the database is locked or failing it waits in the bounded queue.
   */
  recordAnswer(record: AnswerRecord): void;
}

/** Writing what people did with an answer. */
export interface FeedbackWriter {
  recordFeedback(answerId: string, feedback: FeedbackRecord): void;
}

/** The write queue's health, for /healthz and the metrics. */
export interface RecorderMonitor {
  health(): RecorderHealth;
  stats(): RecorderStats;
}

/** Reading the records (report.ts, digest/figures.ts, conversation.ts). */
export interface Reporting {
  /** The review report, or undefined when recording is off or the database unavailable. */
  report(options: ReportOptions): Promise<Report | undefined>;
  /**
   * Reads the records in one snapshot (the weekly digest's figures): `read`'s result, or
   * undefined when recording is off or the database unavailable.
   */
  read<T>(what: string, read: (sql: Sql) => Promise<T>): Promise<T | undefined>;
}

/** Deleting what is past the retention period (retention.ts). */
export interface Retention {
  /** Deletes records older than the retention period; resolves to how many answers went. */
  purge(): Promise<number>;
}

/** One weekly digest per workspace and week, whichever instance posts it. */
export interface DigestClaims {
  /**
   * Claims the weekly digest of `workspaceId` for the week `week` names (its scheduled time):
   * true for the one caller, of every instance on the database, that gets it; false when it is
   * already claimed; undefined when the database cannot tell (then nobody posts).
   */
  claimDigest(workspaceId: string, week: string): Promise<boolean | undefined>;
  /** Gives a claimed digest back (its post failed), so that a later check posts it. */
  releaseDigest(workspaceId: string, week: string): Promise<void>;
}

/**
 * Every job on one database: what the app holds and passes along. `firstDelivery` (EventLog)
 * answers from the database: with recording off, createRecorder's recorder still answers it
 * (event-log.ts); DISABLED_RECORDER says it cannot tell.
 */
export interface Recorder
  extends AnswerWriter,
    FeedbackWriter,
    RecorderMonitor,
    Reporting,
    Retention,
    DigestClaims,
    EventLog {
  /** Writes what is queued (waiting briefly for locks), then closes the database. */
  close(): Promise<void>;
}

export const DISABLED_RECORDER: Recorder = {
  recordAnswer: () => {},
  recordFeedback: () => {},
  health: () => ({ state: "off", pending: 0, dropped: 0 }),
  stats: () => ({ pending: 0, written: 0, retries: 0, dropped: 0 }),
  purge: async () => 0,
  report: async () => undefined,
  firstDelivery: async () => undefined,
  claimDigest: async () => undefined,
  releaseDigest: async () => {},
  read: async () => undefined,
  close: async () => {},
};

/**
 * Recording off (RECORD_QUESTIONS=false), with de-duplication still shared through `events`
 * (event-log.ts): a switch about privacy does not change whether a retried event is answered twice.
 */
export function recordingOff(events: EventLog): Recorder {
  return {
    ...DISABLED_RECORDER,
    firstDelivery: (eventId) => events.firstDelivery(eventId),
    close: () => events.close(),
  };
}

export interface Log {
  warn(...args: unknown[]): void;
  info(...args: unknown[]): void;
}
