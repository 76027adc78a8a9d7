/**
 * What is recorded, and the Recorder interface. Free of SQLite, so that code which only passes
 * a recorder along (the CLI's `ask`) does not load the driver.
 */
import type { Report, ReportOptions } from "./report.js";
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
  confidence: number;
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
}

/** Records answers and feedback. Never throws and never waits on the database. */
export interface Recorder {
  recordAnswer(record: AnswerRecord): void;
  recordFeedback(answerId: string, feedback: FeedbackRecord): void;
  health(): RecorderHealth;
  /** Deletes records older than the retention period; returns how many answers went. */
  purge(): number;
  /** The review report, or undefined when recording is off or the database unavailable. */
  report(options: ReportOptions): Report | undefined;
  /** Writes what is queued (waiting briefly for locks), then closes the database. */
  close(): void;
}

export const DISABLED_RECORDER: Recorder = {
  recordAnswer: () => {},
  recordFeedback: () => {},
  health: () => ({ state: "off", pending: 0, dropped: 0 }),
  purge: () => 0,
  report: () => undefined,
  close: () => {},
};

export interface Log {
  warn(...args: unknown[]): void;
  info(...args: unknown[]): void;
}
