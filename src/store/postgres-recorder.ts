import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type pg from "pg";
import {
  createPool,
  migratePostgres,
  type PoolOptions,
  postgresSql,
  transaction,
} from "./postgres.js";
import { buildReport, type Report, type ReportOptions } from "./report.js";
import {
  type AnswerRow,
  answerRow,
  COMMON_DEFAULTS,
  type CommonRecorderOptions,
  DAY_MS,
  type FeedbackRow,
  feedbackRow,
  type Hash,
  SALT,
  userHasher,
} from "./rows.js";
import type { Sql } from "./sql.js";
import type {
  AnswerRecord,
  FeedbackRecord,
  Recorder,
  RecorderHealth,
  RecorderStats,
} from "./types.js";

export interface PostgresRecorderOptions extends CommonRecorderOptions {
  /** postgres://USER:PASSWORD@HOST:PORT/DATABASE */
  databaseUrl: string;
  /**
   * Secret salt for hashing user ids. Default: the one kept in the database (table `secrets`),
   * made by the first instance to need it, so that every instance hashes alike.
   */
  salt?: string;
  /** Most writes in one batch (one transaction). */
  batchSize?: number;
  /** A write still waiting after this long, in ms, makes health "degraded": the database is slow. */
  slowMs?: number;
  /** How long firstDelivery() waits for the database before it says it cannot tell, in ms. */
  dedupTimeoutMs?: number;
  /** How long close() may spend writing the queue, in ms. */
  closeTimeoutMs?: number;
  pool?: PoolOptions;
}

const SALT_NAME = "user_hash_salt";

/** One queued write: a row, and whose user id to hash into it when it is written. */
type Write = { workspaceId: string | null; userId: string | null; queuedAt: number } & (
  | { kind: "answer"; row: AnswerRow }
  | { kind: "feedback"; row: FeedbackRow }
);

// A batch is one statement per table, whatever its size: each column travels as one array.
const INSERT_ANSWERS = `INSERT INTO answers (id, created_at, workspace_id, surface, user_hash, question, scenario_id, confidence, alternatives)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::text[])`;
// An answer deleted by retention (or never recorded) has nothing left to attach to.
const INSERT_FEEDBACK = `INSERT INTO feedback (answer_id, created_at, user_hash, kind, scenario_id)
  SELECT u.answer_id, u.created_at, u.user_hash, u.kind, u.scenario_id
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
    WITH ORDINALITY AS u (answer_id, created_at, user_hash, kind, scenario_id, n)
  WHERE EXISTS (SELECT 1 FROM answers a WHERE a.id = u.answer_id)
  ORDER BY u.n`;
// One statement, so two instances offered the same id cannot both see it first: the second
// waits for the first's row, then finds it fresh. A row past its time counts as not seen.
const MARK_EVENT = `INSERT INTO seen_events (event_id, seen_at) VALUES ($1, $2)
  ON CONFLICT (event_id) DO UPDATE SET seen_at = excluded.seen_at
  WHERE seen_events.seen_at <= $3
  RETURNING event_id`;
// Of two instances claiming one week, exactly one inserts the row (the other waits, then skips).
const CLAIM_DIGEST = `INSERT INTO digests (workspace_id, week, claimed_at) VALUES ($1, $2, $3)
  ON CONFLICT (workspace_id, week) DO NOTHING`;
const RELEASE_DIGEST = "DELETE FROM digests WHERE workspace_id = $1 AND week = $2";

/**
 * PostgreSQL recorder (DATABASE_URL). Answers and feedback are queued and written asynchronously
 * in batches, one transaction each, so an answer never waits on the database. If the database is
 * down, read-only or refuses, the batch goes back to the queue (bounded: the oldest go first,
 * counted as dropped), health turns "degraded", and a timer retries; a database that is merely
 * slow shows as "degraded" once a write has waited longer than `slowMs`. A clean stop writes the
 * queue, for up to `closeTimeoutMs`.
 */
export class PostgresRecorder implements Recorder {
  readonly #options: Required<Omit<PostgresRecorderOptions, "salt" | "pool">> & { salt?: string };
  readonly #pool: pg.Pool;
  /** Migrated, and the salt read: resolves to the hash; forgotten on failure, to try again. */
  #ready: Promise<Hash> | undefined;
  #pending: Write[] = [];
  /** The batch being written: still pending for health(), and back in the queue if it fails. */
  #inFlight: Write[] = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;
  #dropped = 0;
  #written = 0;
  #retries = 0;
  #lastError: string | undefined;
  #retry: NodeJS.Timeout | undefined;
  readonly #purgeTimer: NodeJS.Timeout;
  #eventsPurgedAt = Number.NEGATIVE_INFINITY;
  #closed = false;

  constructor(options: PostgresRecorderOptions) {
    const { pool, ...rest } = options;
    this.#options = {
      ...COMMON_DEFAULTS,
      batchSize: 500,
      slowMs: 2_000,
      // Generous: giving up means two instances may both answer; waiting only delays an answer
      // that Slack has had acknowledged already.
      dedupTimeoutMs: 5_000,
      closeTimeoutMs: 2_000,
      ...rest,
    };
    this.#pool = createPool(options.databaseUrl, {
      ...pool,
      // The pool drops the connection and opens another when next needed: nothing is degraded
      // until a write or a read fails.
      onError: (error) =>
        this.#options.log.warn(`recording: a PostgreSQL connection was lost (${error.message})`),
    });
    // Connects, migrates and reads the salt now, so that a problem shows from the start.
    void this.purge();
    this.#purgeTimer = setInterval(() => void this.purge(), this.#options.purgeEveryMs);
    this.#purgeTimer.unref();
  }

  recordAnswer(record: AnswerRecord): boolean {
    const { workspaceId, userId } = record;
    const row = answerRow(record, this.#options.now());
    this.#enqueue({ kind: "answer", row, workspaceId, userId, queuedAt: performance.now() });
    return false;
  }

  recordFeedback(answerId: string, feedback: FeedbackRecord): void {
    const { workspaceId, userId } = feedback;
    const row = feedbackRow(answerId, feedback, this.#options.now());
    this.#enqueue({ kind: "feedback", row, workspaceId, userId, queuedAt: performance.now() });
  }

  async firstDelivery(eventId: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    const now = this.#options.now();
    const expired = now - this.#options.eventTtlMs;
    const marked = (async () => {
      await this.#prepare();
      const { rowCount } = await this.#pool.query(MARK_EVENT, [eventId, now, expired]);
      return rowCount === 1;
    })();
    marked.catch(() => {}); // an answer that comes after the deadline is dropped, not unhandled
    try {
      const first = await within(marked, this.#options.dedupTimeoutMs, "event de-duplication");
      this.#succeeded();
      this.#purgeEvents(now, expired);
      return first;
    } catch (error) {
      this.#failed("event de-duplication", error);
      return undefined;
    }
  }

  async purge(): Promise<number> {
    if (this.#closed) return 0;
    const cutoff = this.#options.now() - this.#options.retentionDays * DAY_MS;
    try {
      await this.#prepare();
      const deleted = await transaction(this.#pool, async (client) => {
        await client.query("DELETE FROM feedback WHERE created_at < $1", [cutoff]);
        return (await client.query("DELETE FROM answers WHERE created_at < $1", [cutoff])).rowCount;
      });
      this.#succeeded();
      return deleted ?? 0;
    } catch (error) {
      this.#failed("retention purge", error);
      return 0;
    }
  }

  async claimDigest(workspaceId: string, week: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    try {
      await this.#prepare();
      const now = this.#options.now();
      const { rowCount } = await this.#pool.query(CLAIM_DIGEST, [workspaceId, week, now]);
      this.#succeeded();
      return rowCount === 1;
    } catch (error) {
      this.#failed("claiming the weekly digest", error);
      return undefined;
    }
  }

  async read<T>(what: string, read: (sql: Sql) => Promise<T>): Promise<T | undefined> {
    if (this.#closed) return undefined;
    try {
      await this.#prepare();
      const result = await transaction(
        this.#pool,
        (client) => read(postgresSql(client)),
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
      );
      this.#succeeded();
      return result;
    } catch (error) {
      this.#failed(what, error);
      return undefined;
    }
  }

  async releaseDigest(workspaceId: string, week: string): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#prepare();
      await this.#pool.query(RELEASE_DIGEST, [workspaceId, week]);
      this.#succeeded();
    } catch (error) {
      this.#failed("releasing the weekly digest", error);
    }
  }

  async report(options: ReportOptions): Promise<Report | undefined> {
    if (this.#closed) return undefined;
    try {
      await this.#prepare();
      // One snapshot: every figure counts the same history.
      const report = await transaction(
        this.#pool,
        (client) => buildReport(postgresSql(client), options),
        "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
      );
      this.#succeeded();
      return report;
    } catch (error) {
      this.#failed("reading the report", error);
      return undefined;
    }
  }

  health(): RecorderHealth {
    const pending = this.#pending.length + this.#inFlight.length;
    const oldest = this.#inFlight[0]?.queuedAt ?? this.#pending[0]?.queuedAt;
    const slow = oldest !== undefined && performance.now() - oldest > this.#options.slowMs;
    const lastError =
      this.#lastError ??
      (slow ? `writes waiting longer than ${this.#options.slowMs} ms` : undefined);
    return {
      state: lastError === undefined ? "ok" : "degraded",
      pending,
      dropped: this.#dropped,
      ...(lastError ? { lastError } : {}),
    };
  }

  stats(): RecorderStats {
    const pending = this.#pending.length + this.#inFlight.length;
    return { pending, written: this.#written, retries: this.#retries, dropped: this.#dropped };
  }

  /** Writes what is queued now, without waiting for the retry timer; resolves when done. */
  flush(): Promise<void> {
    return this.#closed ? Promise.resolve() : this.#flush(true);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    clearTimeout(this.#retry);
    clearInterval(this.#purgeTimer);
    // No more writes or retries; one last go at the queue, even after a failure.
    this.#closed = true;
    const written = (async () => {
      await this.#flushing;
      await this.#flush(false);
    })();
    await within(written, this.#options.closeTimeoutMs, "writing the queue").catch(() => {});
    const left = this.#pending.length + this.#inFlight.length;
    if (left > 0) {
      this.#options.log.warn(`recording: ${left} records could not be written before stop`);
    }
    // A connection stuck on a slow server must not hold up the stop.
    await within(this.#pool.end(), 1_000, "closing the connections").catch(() => {});
  }

  /** Migrates and reads the salt, once; a failure is forgotten so that the next call tries again. */
  #prepare(): Promise<Hash> {
    if (this.#ready === undefined) {
      const ready = (async () => {
        await migratePostgres(this.#pool);
        return userHasher(this.#options.salt ?? (await this.#loadSalt()));
      })();
      ready.catch(() => {
        if (this.#ready === ready) this.#ready = undefined;
      });
      this.#ready = ready;
    }
    return this.#ready;
  }

  /** The salt kept in the database, made by whichever instance needs it first. */
  async #loadSalt(): Promise<string> {
    await this.#pool.query(
      "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
      [SALT_NAME, randomBytes(32).toString("hex")],
    );
    const { rows } = await this.#pool.query<{ value: string }>(
      "SELECT value FROM secrets WHERE name = $1",
      [SALT_NAME],
    );
    const salt = rows[0]?.value ?? "";
    if (!SALT.test(salt)) {
      throw new Error(`the ${SALT_NAME} in table secrets is not 64 hex characters`);
    }
    return salt;
  }

  #enqueue(write: Write): void {
    if (this.#closed) return;
    this.#pending.push(write);
    this.#trim();
    // Writes made while one request is handled, or several at once, go out together. While the
    // database is failing, the retry timer alone tries again.
    if (this.#scheduled || this.#retry !== undefined) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#closed) void this.#flush(false);
    });
  }

  /** Drops the oldest waiting writes past maxPending. */
  #trim(): void {
    const excess = this.#pending.length + this.#inFlight.length - this.#options.maxPending;
    if (excess <= 0) return;
    const dropped = this.#pending.splice(0, Math.min(excess, this.#pending.length)).length;
    this.#dropped += dropped;
  }

  /** One writer at a time; `probe` checks the database even when nothing waits (the retry). */
  #flush(probe: boolean): Promise<void> {
    this.#flushing ??= this.#drain(probe).finally(() => {
      this.#flushing = undefined;
    });
    return this.#flushing;
  }

  async #drain(probe: boolean): Promise<void> {
    let hash: Hash;
    try {
      if (this.#pending.length === 0 && !probe) return;
      hash = await this.#prepare();
      if (this.#pending.length === 0) {
        await this.#pool.query("SELECT 1");
        this.#succeeded();
        return;
      }
    } catch (error) {
      this.#failed("database write", error);
      return;
    }
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#options.batchSize);
      this.#inFlight = batch;
      try {
        await this.#write(batch, hash);
        this.#written += batch.length;
        this.#succeeded();
      } catch (error) {
        if (!isRefusal(error)) {
          this.#requeue(batch);
          this.#failed("database write", error);
          return;
        }
        // Something in the batch can never be written: find it, write the rest.
        if (!(await this.#writeOneByOne(batch, hash))) return;
      } finally {
        this.#inFlight = [];
      }
    }
  }

  /** Each write on its own, dropping what the database refuses; false if it became unavailable. */
  async #writeOneByOne(batch: Write[], hash: Hash): Promise<boolean> {
    for (let i = 0; i < batch.length; i++) {
      const write = batch[i] as Write;
      try {
        await this.#write([write], hash);
        this.#written++;
      } catch (error) {
        if (!isRefusal(error)) {
          this.#requeue(batch.slice(i));
          this.#failed("database write", error);
          return false;
        }
        this.#dropped++;
        this.#options.log.warn(
          `recording: record refused by the database (${(error as Error).message})`,
        );
      }
    }
    this.#succeeded();
    return true;
  }

  /** Back at the front of the queue, in order, within its bound. */
  #requeue(batch: Write[]): void {
    this.#inFlight = [];
    this.#pending.unshift(...batch);
    this.#trim();
  }

  /** One transaction: the batch's answers, then its feedback (which may name those answers). */
  async #write(batch: readonly Write[], hash: Hash): Promise<void> {
    const answers: AnswerRow[] = [];
    const feedback: FeedbackRow[] = [];
    for (const write of batch) {
      write.row.user_hash = hash(write.workspaceId, write.userId);
      if (write.kind === "answer") answers.push(write.row);
      else feedback.push(write.row);
    }
    const answerColumns = () =>
      columns(answers, [
        "id",
        "created_at",
        "workspace_id",
        "surface",
        "user_hash",
        "question",
        "scenario_id",
        "confidence",
        "alternatives",
      ]);
    const feedbackColumns = () =>
      columns(feedback, ["answer_id", "created_at", "user_hash", "kind", "scenario_id"]);
    if (feedback.length === 0) {
      await this.#pool.query(INSERT_ANSWERS, answerColumns());
    } else if (answers.length === 0) {
      await this.#pool.query(INSERT_FEEDBACK, feedbackColumns());
    } else {
      await transaction(this.#pool, async (client) => {
        await client.query(INSERT_ANSWERS, answerColumns());
        await client.query(INSERT_FEEDBACK, feedbackColumns());
      });
    }
  }

  /** Forgets event ids past their time, now and then, in the background. */
  #purgeEvents(now: number, expired: number): void {
    if (now - this.#eventsPurgedAt < this.#options.eventTtlMs / 6) return;
    this.#eventsPurgedAt = now;
    this.#pool
      .query("DELETE FROM seen_events WHERE seen_at <= $1", [expired])
      .catch((error: unknown) => this.#failed("forgetting old event ids", error));
  }

  #succeeded(): void {
    if (this.#lastError !== undefined)
      this.#options.log.info("recording: database available again");
    this.#lastError = undefined;
  }

  /** Logs a failure (once per distinct error), shows it in health(), and schedules a retry. */
  #failed(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.#lastError) {
      this.#options.log.warn(`recording: ${what} failed, will retry (${message})`);
    }
    this.#lastError = message;
    if (this.#retry !== undefined || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#retries++;
      void this.#flush(true);
    }, this.#options.retryMs);
    this.#retry.unref();
  }
}

/** Each field of `rows` as one array, in the order of `names`: unnest's parameters. */
function columns<R>(rows: readonly R[], names: readonly (keyof R)[]): unknown[][] {
  return names.map((name) => rows.map((row) => row[name]));
}

/**
 * A write the database will never take, whatever the retries: a constraint (class 23: a
 * duplicate id, a bad kind) or bad data (class 22: a NUL character in text, a number out of
 * range). Anything else (connection, read-only, timeouts) is worth retrying.
 */
function isRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("22") || code.startsWith("23"));
}

/** `promise`, or a rejection naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
