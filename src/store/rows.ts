/**
 * What both recorders share: their common options and defaults, an answer's and a feedback's
 * row, and the user id's hash. Free of any driver.
 */
import { createHmac } from "node:crypto";
import type { AnswerRecord, FeedbackRecord, Log } from "./types.js";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

/** What a salt looks like: 32 random bytes as hex. */
export const SALT = /^[0-9a-f]{64}$/;

/** The options both recorders take. */
export interface CommonRecorderOptions {
  retentionDays: number;
  log: Log;
  /** Queued writes kept while the database is unavailable; older ones are dropped past this. */
  maxPending?: number;
  /** Delay before retrying queued writes, in ms. */
  retryMs?: number;
  /** How often old records are purged; also once at start. */
  purgeEveryMs?: number;
  /** How long firstDelivery() remembers an event id, in ms. */
  eventTtlMs?: number;
  /** How long firstDelivery() waits for the database before it says it cannot tell, in ms. */
  dedupTimeoutMs?: number;
  /**
   * Group commit: 0 (the default) commits the writes of each event-loop turn together, in one
   * transaction, as the turn ends; more holds writes for up to this many ms and commits them
   * together (sooner when `groupCommitBatch` are waiting): a crash of the process loses what
   * waits, at most this many ms of answers (docs/reliability.md, "When a record is committed").
   * bench/group-commit.ts measures both.
   */
  groupCommitMs?: number;
  /** Under group commit, writes this many together at once without waiting for the timer. */
  groupCommitBatch?: number;
  /** Most writes in one batch (one transaction). */
  batchSize?: number;
  /** A write still waiting after this long, in ms, makes health "degraded": the database is slow. */
  slowMs?: number;
  /** How long close() may spend writing the queue, in ms (PostgreSQL). */
  closeTimeoutMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export const COMMON_DEFAULTS = {
  maxPending: 10_000,
  retryMs: 2_000,
  purgeEveryMs: DAY_MS,
  eventTtlMs: HOUR_MS,
  // Generous: giving up means two instances may both answer; waiting only delays an answer
  // that Slack has had acknowledged already.
  dedupTimeoutMs: 5_000,
  groupCommitMs: 0,
  groupCommitBatch: 500,
  batchSize: 500,
  slowMs: 2_000,
  closeTimeoutMs: 2_000,
  now: Date.now,
} satisfies Required<Omit<CommonRecorderOptions, "retentionDays" | "log">>;

/** Every option, the defaults filled in. */
export type RecorderSettings = Required<CommonRecorderOptions>;

/** Hashes a user id (null stays null) with the install's salt. */
export type Hash = (workspaceId: string | null, userId: string | null) => string | null;

/** Hashed user ids kept in memory, so a busy user is not hashed on every answer. */
const HASH_MEMO_LIMIT = 10_000;

/** HMAC-SHA256 of `workspace:user` with `salt`, memoised. */
export function userHasher(salt: string): Hash {
  const hashes = new Map<string, string>();
  return (workspaceId, userId) => {
    if (userId === null) return null;
    const key = `${workspaceId ?? ""}:${userId}`;
    let hash = hashes.get(key);
    if (hash === undefined) {
      hash = createHmac("sha256", salt).update(key).digest("hex");
      if (hashes.size >= HASH_MEMO_LIMIT) hashes.clear();
      hashes.set(key, hash);
    }
    return hash;
  };
}

/** An answer's row; `user_hash` is filled in when it is written (the salt may come later). */
export function answerRow(record: AnswerRecord, now: number) {
  return {
    id: record.id,
    created_at: now,
    workspace_id: record.workspaceId,
    surface: record.surface,
    user_hash: null as string | null,
    question: record.question,
    scenario_id: record.scenarioId,
    score: record.score,
    alternatives: JSON.stringify(record.alternatives),
  };
}
export type AnswerRow = ReturnType<typeof answerRow>;

/** A feedback row, for the answer `answerId`; `user_hash` as for answers. */
export function feedbackRow(answerId: string, feedback: FeedbackRecord, now: number) {
  return {
    answer_id: answerId,
    created_at: now,
    user_hash: null as string | null,
    kind: feedback.kind,
    scenario_id: feedback.scenarioId ?? null,
  };
}
export type FeedbackRow = ReturnType<typeof feedbackRow>;
