/**
 * The recorder, written once for both engines: the write queue (write-queue.ts) with its health,
 * and every other job as a plain function over the Sql port (sql.ts): the report (report.ts),
 * retention (retention.ts), de-duplication (event-log.ts) and the weekly digest's claim. An engine
 * (sqlite-recorder.ts, postgres-recorder.ts) brings only what truly differs: opening its
 * database, the salt, how a batch is written, its transactions and which errors are refusals.
 */
import { performance } from "node:perf_hooks";
import { markFirstDelivery } from "./event-log.js";
import { buildReport, type Report, type ReportOptions } from "./report.js";
import { purgeBefore, retentionCutoff } from "./retention.js";
import {
  type AnswerRow,
  answerRow,
  type FeedbackRow,
  feedbackRow,
  type Hash,
  type RecorderSettings,
} from "./rows.js";
import type { Sql } from "./sql.js";
import { drive, type MaybePromise, type Steps, within } from "./steps.js";
import type {
  AnswerRecord,
  FeedbackRecord,
  Recorder,
  RecorderHealth,
  RecorderStats,
} from "./types.js";
import { WriteQueue } from "./write-queue.js";

/** What an engine brings. Each call may answer at once (SQLite) or with a promise (PostgreSQL). */
export interface Engine {
  /** The database, opened and migrated if need be, as the Sql port. */
  open(): MaybePromise<Sql>;
  /** The database open and the salt read (made on first use): the user id's hash. */
  prepare(): MaybePromise<Hash>;
  /** Checks that the database answers, with nothing to write (after prepare). */
  probe(): MaybePromise<void>;
  /** Writes the rows in one transaction: the answers, then the feedback (which may name them). */
  write(answers: AnswerRow[], feedback: FeedbackRow[]): MaybePromise<void>;
  /** Runs `read` in one snapshot, so that every figure counts the same history. */
  snapshot<T>(read: (sql: Sql) => Promise<T>): Promise<T>;
  /** A write the database will never take, whatever the retries (a constraint, bad data). */
  isRefusal(error: unknown): boolean;
  /** Told of every failure. */
  failed(): void;
  /** Before the queue's last write on close (SQLite: a lock is worth a short wait then). */
  closing(): void;
  close(): MaybePromise<void>;
  /** What else keeps writes from landing (SQLite: the salt file), and health's extra fields. */
  health(): { problem?: string } & Pick<RecorderHealth, "reopened" | "lastReopen">;
}

/** One queued write: a row, and whose user id to hash into it when it is written. */
type Write = { workspaceId: string | null; userId: string | null; queuedAt: number } & (
  | { kind: "answer"; row: AnswerRow }
  | { kind: "feedback"; row: FeedbackRow }
);

// Of two instances claiming one week, exactly one inserts the row (PostgreSQL: the other waits,
// then skips).
const CLAIM_DIGEST = `INSERT INTO digests (workspace_id, week, claimed_at) VALUES (?, ?, ?)
  ON CONFLICT (workspace_id, week) DO NOTHING`;
const RELEASE_DIGEST = "DELETE FROM digests WHERE workspace_id = ? AND week = ?";

/**
 * Answers and feedback are queued and written by the shared queue, so an answer never waits on,
 * or fails because of, the database: if it is locked, down, read-only, full or corrupt, or the
 * salt cannot be read, writes stay queued (bounded), health turns "degraded", and a timer
 * retries. Any other use of the database that fails is logged, shows in health() and retries
 * the queue the same way. A clean stop writes the queue.
 */
export abstract class SqlRecorder implements Recorder {
  readonly #engine: Engine;
  readonly #options: RecorderSettings;
  readonly #queue: WriteQueue<Write>;
  readonly #purgeTimer: NodeJS.Timeout;
  readonly #eventsForgot = { at: Number.NEGATIVE_INFINITY };
  #closed = false;

  protected constructor(engine: Engine, options: RecorderSettings) {
    this.#engine = engine;
    this.#options = options;
    this.#queue = new WriteQueue<Write>(
      {
        write: (batch) => drive(this.#write(batch)),
        probe: () => drive(this.#probe()),
        isRefusal: (error) => engine.isRefusal(error),
        failed: () => engine.failed(),
      },
      options,
    );
    void this.purge();
    // Opens the database and reads (or creates) the salt now, so that a problem shows from the start.
    void this.#queue.flush();
    this.#purgeTimer = setInterval(() => void this.purge(), options.purgeEveryMs);
    this.#purgeTimer.unref();
  }

  recordAnswer(record: AnswerRecord): void {
    const { workspaceId, userId } = record;
    const row = answerRow(record, this.#options.now());
    this.#queue.push({ kind: "answer", row, workspaceId, userId, queuedAt: monotonic() });
  }

  recordFeedback(answerId: string, feedback: FeedbackRecord): void {
    const { workspaceId, userId } = feedback;
    const row = feedbackRow(answerId, feedback, this.#options.now());
    this.#queue.push({ kind: "feedback", row, workspaceId, userId, queuedAt: monotonic() });
  }

  health(): RecorderHealth {
    const { problem, ...extra } = this.#engine.health();
    return { ...this.#queue.health(problem), ...extra };
  }

  stats(): RecorderStats {
    return this.#queue.stats();
  }

  /**
   * Runs the retry now, without waiting for its timer: opens the database and reads the salt if
   * needed, then writes what is queued. Done when this returns with SQLite; else when it resolves.
   */
  flush(): MaybePromise<void> {
    return this.#queue.flush();
  }

  async purge(): Promise<number> {
    if (this.#closed) return 0;
    const cutoff = retentionCutoff(this.#options.now(), this.#options.retentionDays);
    // Not queued: a purge that fails now happens with the next one.
    return (await this.#use("retention purge", (sql) => purgeBefore(sql, cutoff))) ?? 0;
  }

  report(options: ReportOptions): Promise<Report | undefined> {
    return this.read("reading the report", (sql) => buildReport(sql, options));
  }

  async read<T>(what: string, read: (sql: Sql) => Promise<T>): Promise<T | undefined> {
    if (this.#closed) return undefined;
    // Counts every answer recorded before it: what waits for its commit goes in first.
    if (this.#queue.stats().pending > 0) await this.#queue.flush();
    return this.#use(what, () => this.#engine.snapshot(read));
  }

  async firstDelivery(eventId: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    const { now, eventTtlMs, dedupTimeoutMs } = this.#options;
    const at = now();
    return this.#use(
      "event de-duplication",
      (sql) => markFirstDelivery(sql, eventId, at, eventTtlMs, this.#eventsForgot),
      dedupTimeoutMs,
    );
  }

  async claimDigest(workspaceId: string, week: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    const claimedAt = this.#options.now();
    return this.#use(
      "claiming the weekly digest",
      async (sql) => (await sql.run(CLAIM_DIGEST, [workspaceId, week, claimedAt])) === 1,
    );
  }

  async releaseDigest(workspaceId: string, week: string): Promise<void> {
    if (this.#closed) return;
    await this.#use("releasing the weekly digest", (sql) =>
      sql.run(RELEASE_DIGEST, [workspaceId, week]),
    );
  }

  /** Writes the queue (SQLite: before this returns, waiting briefly for locks), then closes. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    clearInterval(this.#purgeTimer);
    return Promise.resolve(drive(this.#close()));
  }

  *#close(): Steps<void> {
    this.#engine.closing();
    yield this.#queue.close();
    yield this.#engine.close();
  }

  /** One transaction: the batch's answers, then its feedback, user ids hashed as they go in. */
  *#write(batch: readonly Write[]): Steps<void> {
    const hash = (yield this.#engine.prepare()) as Hash;
    const answers: AnswerRow[] = [];
    const feedback: FeedbackRow[] = [];
    for (const write of batch) {
      write.row.user_hash = hash(write.workspaceId, write.userId);
      if (write.kind === "answer") answers.push(write.row);
      else feedback.push(write.row);
    }
    yield this.#engine.write(answers, feedback);
  }

  *#probe(): Steps<void> {
    yield this.#engine.prepare();
    yield this.#engine.probe();
  }

  /**
   * `work` on the database, or undefined when it fails (or, given `timeoutMs`, takes longer):
   * then it is logged, shows in health() and schedules the retry, as a failed write does.
   * Synchronous as far as the engine is.
   */
  #use<T>(
    what: string,
    work: (sql: Sql) => MaybePromise<T>,
    timeoutMs?: number,
  ): MaybePromise<T | undefined> {
    const engine = this.#engine;
    let done: MaybePromise<T>;
    try {
      done = drive(
        (function* (): Steps<T> {
          return (yield work((yield engine.open()) as Sql)) as T;
        })(),
      );
    } catch (error) {
      this.#queue.failed(what, error);
      return undefined;
    }
    if (!(done instanceof Promise)) {
      this.#queue.succeeded();
      return done;
    }
    const timed =
      timeoutMs === undefined
        ? done
        : within(done, timeoutMs, () => new Error(`${what}: no answer within ${timeoutMs} ms`));
    return timed.then(
      (result) => {
        this.#queue.succeeded();
        return result;
      },
      (error: unknown) => {
        this.#queue.failed(what, error);
        return undefined;
      },
    );
  }
}

const monotonic = () => performance.now();
