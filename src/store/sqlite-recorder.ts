import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { createPrivateFile, type Db, makePrivateDir, sqliteSql } from "./database.js";
import { buildReport, type Report, type ReportOptions } from "./report.js";
import {
  answerRow,
  COMMON_DEFAULTS,
  type CommonRecorderOptions,
  DAY_MS,
  feedbackRow,
  type Hash,
  SALT,
  userHasher,
} from "./rows.js";
import type { Sql } from "./sql.js";
import { fileId, SqliteFile } from "./sqlite-file.js";
import type {
  AnswerRecord,
  FeedbackRecord,
  Recorder,
  RecorderHealth,
  RecorderStats,
} from "./types.js";

export interface RecorderOptions extends CommonRecorderOptions {
  /** SQLite file, or ":memory:". */
  databasePath: string;
  /**
   * Secret salt for hashing user ids, or the file that holds it: created on first use, and
   * tried again with every retry until it can be read (answers wait in the queue meanwhile).
   */
  salt: string | { file: string };
  /**
   * Group commit: 0 (the default) writes each answer in its own transaction before
   * recordAnswer returns; more holds writes for up to this many ms and commits them together,
   * in one transaction (sooner when `groupCommitBatch` are waiting). recordAnswer then returns
   * false: a crash of the process loses what waits, at most this many ms of answers
   * (docs/reliability.md, "When a record is committed"). bench/group-commit.ts measures both.
   */
  groupCommitMs?: number;
  /** Under group commit, writes this many together at once without waiting for the timer. */
  groupCommitBatch?: number;
}

/** The statements, prepared once per connection (preparing costs as much as running). */
function prepareStatements(db: Db) {
  return {
    insertAnswer: db.prepare(
      `INSERT INTO answers (id, created_at, workspace_id, surface, user_hash, question, scenario_id, confidence, alternatives)
       VALUES (@id, @created_at, @workspace_id, @surface, @user_hash, @question, @scenario_id, @confidence, @alternatives)`,
    ),
    // An answer deleted by retention (or never recorded) has nothing left to attach to.
    insertFeedback: db.prepare(
      `INSERT INTO feedback (answer_id, created_at, user_hash, kind, scenario_id)
       SELECT @answer_id, @created_at, @user_hash, @kind, @scenario_id
       WHERE EXISTS (SELECT 1 FROM answers WHERE id = @answer_id)`,
    ),
    // One statement, so two instances offered the same id cannot both see it first. A row past
    // its time (not purged yet) counts as not seen.
    markEvent: db.prepare(
      `INSERT INTO seen_events (event_id, seen_at) VALUES (@event_id, @now)
       ON CONFLICT (event_id) DO UPDATE SET seen_at = excluded.seen_at
       WHERE seen_events.seen_at <= @expired`,
    ),
    purgeEvents: db.prepare("DELETE FROM seen_events WHERE seen_at <= ?"),
    // One statement: of two instances claiming one week, exactly one inserts the row.
    claimDigest: db.prepare(
      `INSERT INTO digests (workspace_id, week, claimed_at) VALUES (?, ?, ?)
       ON CONFLICT (workspace_id, week) DO NOTHING`,
    ),
    releaseDigest: db.prepare("DELETE FROM digests WHERE workspace_id = ? AND week = ?"),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

/**
 * One queued write: a single statement. User ids are hashed when it is written, since the salt
 * may not be readable yet when it is queued.
 */
type Write = (statements: Statements, hash: Hash) => void;

/**
 * The salt in `file`, created (`fresh`: 32 random bytes as hex; mode 0600) on first use. A file that
 * holds anything else is an error: hashing with a short or empty salt would make the hashes
 * easy to reverse.
 */
export function loadOrCreateSalt(file: string, fresh = randomBytes(32).toString("hex")): string {
  // Already there (possibly written a moment ago by another process): use it.
  const fd = createPrivateFile(file);
  if (fd !== undefined) {
    try {
      writeSync(fd, `${fresh}\n`);
      // Losing the salt changes every user's hash: make sure it is on disk.
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  const salt = readFileSync(file, "utf8").trim();
  if (!SALT.test(salt)) {
    throw new Error(
      `${file} does not hold a salt (64 hex characters); delete it to create a new one`,
    );
  }
  return salt;
}

/**
 * SQLite recorder. Each write is queued, then flushed at once; if the database is locked, full,
 * corrupt or missing, or the salt cannot be read, the write stays queued (bounded), health turns
 * "degraded", and a timer retries. So an answer never waits on, or fails because of, the
 * database. Before each use, the database path is checked to still name the open file: one
 * deleted or replaced underneath is opened anew instead of written to in vain.
 */
export class SqliteRecorder implements Recorder {
  readonly #options: Required<Omit<RecorderOptions, "salt">>;
  /** Under group commit, the timer that commits what waits. */
  #group: NodeJS.Timeout | undefined;
  readonly #saltFile: string | undefined;
  #salt: string | undefined;
  #hash: Hash | undefined;
  #saltError: string | undefined;
  readonly #file: SqliteFile;
  #statements: Statements | undefined;
  #reopened = 0;
  #lastReopen: string | undefined;
  readonly #pending: Write[] = [];
  #dropped = 0;
  #written = 0;
  #retries = 0;
  #lastError: string | undefined;
  #retry: NodeJS.Timeout | undefined;
  readonly #purgeTimer: NodeJS.Timeout;
  #eventsPurgedAt = Number.NEGATIVE_INFINITY;
  #closed = false;

  constructor(options: RecorderOptions) {
    const { salt, ...rest } = options;
    this.#options = { ...COMMON_DEFAULTS, groupCommitMs: 0, groupCommitBatch: 500, ...rest };
    this.#file = new SqliteFile(this.#options.databasePath, {
      // 0 while running: a locked database must never hold up an answer.
      busyTimeoutMs: 0,
      onReopen: (why) => this.#reopen(why),
      onOpen: () => {
        this.#statements = undefined;
      },
    });
    if (typeof salt === "string") this.#salt = salt;
    else this.#saltFile = salt.file;
    this.#purge();
    // Reads (or creates) the salt now, so that a problem with it shows from the start.
    this.#flush();
    this.#purgeTimer = setInterval(() => this.#purge(), this.#options.purgeEveryMs);
    this.#purgeTimer.unref();
  }

  recordAnswer(record: AnswerRecord): boolean {
    const row = answerRow(record, this.#options.now());
    const { workspaceId, userId } = record;
    return this.#write((statements, hash) => {
      row.user_hash = hash(workspaceId, userId);
      statements.insertAnswer.run(row);
    });
  }

  recordFeedback(answerId: string, feedback: FeedbackRecord): void {
    const row = feedbackRow(answerId, feedback, this.#options.now());
    const { workspaceId, userId } = feedback;
    this.#write((statements, hash) => {
      row.user_hash = hash(workspaceId, userId);
      statements.insertFeedback.run(row);
    });
  }

  /** Settled at once: SQLite answers synchronously. */
  async firstDelivery(eventId: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    const now = this.#options.now();
    const expired = now - this.#options.eventTtlMs;
    return this.#attempt("event de-duplication", (db) => {
      this.#statements ??= prepareStatements(db);
      // Purged lazily: an expired id left behind still counts as not seen (see markEvent).
      if (now - this.#eventsPurgedAt >= this.#options.eventTtlMs / 6) {
        this.#statements.purgeEvents.run(expired);
        this.#eventsPurgedAt = now;
      }
      return this.#statements.markEvent.run({ event_id: eventId, now, expired }).changes === 1;
    });
  }

  async claimDigest(workspaceId: string, week: string): Promise<boolean | undefined> {
    if (this.#closed) return undefined;
    return this.#attempt("claiming the weekly digest", (db) => {
      this.#statements ??= prepareStatements(db);
      const now = this.#options.now();
      return this.#statements.claimDigest.run(workspaceId, week, now).changes === 1;
    });
  }

  async releaseDigest(workspaceId: string, week: string): Promise<void> {
    if (this.#closed) return;
    this.#attempt("releasing the weekly digest", (db) => {
      this.#statements ??= prepareStatements(db);
      this.#statements.releaseDigest.run(workspaceId, week);
    });
  }

  async purge(): Promise<number> {
    return this.#purge();
  }

  #purge(): number {
    // Not queued: a purge that fails now happens with the next one.
    const cutoff = this.#options.now() - this.#options.retentionDays * DAY_MS;
    const deleted = this.#attempt("retention purge", (db) =>
      db.transaction(() => {
        db.prepare("DELETE FROM feedback WHERE created_at < ?").run(cutoff);
        return db.prepare("DELETE FROM answers WHERE created_at < ?").run(cutoff).changes;
      })(),
    );
    return deleted ?? 0;
  }

  async read<T>(what: string, read: (sql: Sql) => Promise<T>): Promise<T | undefined> {
    const sql = this.#attempt(what, (db) => sqliteSql(db));
    try {
      // better-sqlite3 is synchronous: nothing else runs between the statements.
      return sql && (await read(sql));
    } catch (error) {
      return this.#attempt(what, () => {
        throw error;
      });
    }
  }

  async report(options: ReportOptions): Promise<Report | undefined> {
    const what = "reading the report";
    const sql = this.#attempt(what, (db) => sqliteSql(db));
    try {
      return sql && (await buildReport(sql, options));
    } catch (error) {
      // Failed as any other use of the database fails: logged, in health(), retried.
      return this.#attempt(what, () => {
        throw error;
      });
    }
  }

  health(): RecorderHealth {
    const lastError = this.#lastError ?? this.#saltError;
    // Writes held for a group commit wait on purpose; any other wait is a failing database.
    const waiting = this.#pending.length > 0 && this.#group === undefined;
    const state = !waiting && lastError === undefined ? "ok" : "degraded";
    return {
      state,
      pending: this.#pending.length,
      dropped: this.#dropped,
      ...(lastError ? { lastError } : {}),
      ...(this.#reopened > 0 ? { reopened: this.#reopened, lastReopen: this.#lastReopen } : {}),
    };
  }

  stats(): RecorderStats {
    const pending = this.#pending.length;
    return { pending, written: this.#written, retries: this.#retries, dropped: this.#dropped };
  }

  /**
   * Runs the retry now, without waiting for its timer: reads the salt and (re)opens the
   * database if needed, then writes what is queued.
   */
  flush(): void {
    if (this.#closed) return;
    clearTimeout(this.#group);
    this.#group = undefined;
    this.#flush();
  }

  /** Synchronous: the queue is written, and the database closed, when this returns. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retry);
    clearTimeout(this.#group);
    this.#group = undefined;
    clearInterval(this.#purgeTimer);
    if (this.#pending.length > 0) {
      // On the way out, a lock is worth a short wait: these writes would otherwise be lost.
      this.#file.setBusyTimeout(2_000);
      this.#flush();
    }
    if (this.#pending.length > 0) {
      this.#options.log.warn(
        `recording: ${this.#pending.length} records could not be written before stop`,
      );
    }
    this.#file.close();
  }

  /** The open database (sqlite-file.ts: opened anew when the file was deleted or replaced). */
  #database(): Db {
    return this.#file.get();
  }

  /** Told by the file that it was deleted or replaced, before it is opened anew. */
  #reopen(why: string): void {
    const file = this.#options.databasePath;
    this.#options.log.warn(`recording: ${file} ${why} while open; opening it anew`);
    this.#reopened++;
    this.#lastReopen = `${new Date(this.#options.now()).toISOString()} ${file} ${why}`;
    this.#restoreSalt();
  }

  /** Puts the salt back if its file went too (a deleted data folder): hashes must not change. */
  #restoreSalt(): void {
    const file = this.#saltFile;
    if (file === undefined || this.#salt === undefined || fileId(file) !== undefined) return;
    try {
      makePrivateDir(path.dirname(file));
      if (loadOrCreateSalt(file, this.#salt) !== this.#salt) {
        this.#options.log.warn(
          `recording: ${file} now holds another salt; it applies from restart`,
        );
      }
    } catch (error) {
      this.#options.log.warn(`recording: cannot restore ${file} (${(error as Error).message})`);
    }
  }

  /** The salt, read (or created) from its file on first use and kept for the process's life. */
  #loadSalt(): void {
    const file = this.#saltFile;
    if (this.#salt !== undefined || file === undefined) return;
    try {
      makePrivateDir(path.dirname(file));
      this.#salt = loadOrCreateSalt(file);
      this.#saltError = undefined;
    } catch (error) {
      const reason = (error as Error).message;
      this.#saltError = reason.includes(file) ? reason : `salt file ${file}: ${reason}`;
      throw new Error(this.#saltError);
    }
  }

  #write(write: Write): boolean {
    if (this.#closed) return false;
    this.#pending.push(write);
    if (this.#pending.length > this.#options.maxPending) {
      this.#pending.shift();
      this.#dropped++;
    }
    const { groupCommitMs, groupCommitBatch } = this.#options;
    if (groupCommitMs > 0 && this.#pending.length < groupCommitBatch) {
      // Held for the group's transaction, unless a failure's retry will write it anyway.
      if (this.#group === undefined && this.#retry === undefined) {
        this.#group = setTimeout(() => {
          this.#group = undefined;
          this.#flush();
        }, groupCommitMs);
        this.#group.unref();
      }
      return false;
    }
    clearTimeout(this.#group);
    this.#group = undefined;
    this.#flush();
    return this.#pending.length === 0;
  }

  /** Writes the queued records in order: one at once, a backlog in one transaction. */
  #flush(): void {
    this.#attempt("database write", (db) => {
      this.#loadSalt();
      this.#statements ??= prepareStatements(db);
      const statements = this.#statements;
      this.#hash ??= userHasher(this.#salt as string);
      const hash = this.#hash;
      const count = this.#pending.length;
      const refused: string[] = [];
      const writeAll = () => {
        refused.length = 0;
        for (const write of this.#pending.slice(0, count)) {
          try {
            write(statements, hash);
          } catch (error) {
            // A write the schema refuses will never succeed: drop it rather than block the queue.
            if (!isConstraintError(error)) throw error;
            refused.push((error as Error).message);
          }
        }
      };
      if (count === 1) writeAll();
      else if (count > 1) db.transaction(writeAll)();
      this.#pending.splice(0, count);
      this.#written += count - refused.length;
      this.#dropped += refused.length;
      for (const message of refused) {
        this.#options.log.warn(`recording: record refused by the database (${message})`);
      }
    });
  }

  /**
   * Runs `work` on the database. A failure is logged (once per distinct error), shows in
   * health() and schedules a retry of the queue; the next success clears it.
   */
  #attempt<T>(what: string, work: (db: Db) => T): T | undefined {
    try {
      const result = work(this.#database());
      if (this.#lastError !== undefined)
        this.#options.log.info("recording: database available again");
      this.#lastError = undefined;
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.#lastError) {
        this.#options.log.warn(`recording: ${what} failed, will retry (${message})`);
      }
      this.#lastError = message;
      this.#file.dropIfClosed();
      this.#scheduleRetry();
      return undefined;
    }
  }

  #scheduleRetry(): void {
    if (this.#retry || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#retries++;
      this.#flush();
    }, this.#options.retryMs);
    this.#retry.unref();
  }
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT");
}
