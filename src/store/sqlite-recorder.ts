/**
 * The SQLite engine of the recorder (sql-recorder.ts): the file at DATABASE_PATH, followed as it
 * goes (sqlite-file.ts: one deleted or replaced underneath is opened anew instead of written to
 * in vain), the salt in the file beside it, and its statements. better-sqlite3 is synchronous:
 * a flush() has committed the queue when it returns.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import { createPrivateFile, type Db, makePrivateDir } from "./database.js";
import {
  type AnswerRow,
  COMMON_DEFAULTS,
  type CommonRecorderOptions,
  type FeedbackRow,
  type Hash,
  type RecorderSettings,
  SALT,
  userHasher,
} from "./rows.js";
import type { Sql } from "./sql.js";
import { type Engine, SqlRecorder } from "./sql-recorder.js";
import { fileId, SqliteFile } from "./sqlite-file.js";

export interface RecorderOptions extends CommonRecorderOptions {
  /** SQLite file, or ":memory:". */
  databasePath: string;
  /**
   * Secret salt for hashing user ids, or the file that holds it: created on first use, and
   * tried again with every retry until it can be read (answers wait in the queue meanwhile).
   */
  salt: string | { file: string };
}

/** The statements, prepared once per connection (preparing costs as much as running). */
function prepareStatements(db: Db) {
  return {
    insertAnswer: db.prepare<AnswerRow>(
      `INSERT INTO answers (id, created_at, workspace_id, surface, user_hash, question, scenario_id, score, alternatives)
       VALUES (@id, @created_at, @workspace_id, @surface, @user_hash, @question, @scenario_id, @score, @alternatives)`,
    ),
    // An answer deleted by retention (or never recorded) has nothing left to attach to.
    insertFeedback: db.prepare<FeedbackRow>(
      `INSERT INTO feedback (answer_id, created_at, user_hash, kind, scenario_id)
       SELECT @answer_id, @created_at, @user_hash, @kind, @scenario_id
       WHERE EXISTS (SELECT 1 FROM answers WHERE id = @answer_id)`,
    ),
  };
}

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
 * SQLite recorder: the shared recorder (sql-recorder.ts) on the SQLite engine. The writes of one
 * event-loop turn are committed together when it ends; if the database is locked, full, corrupt
 * or missing, or the salt cannot be read, they stay queued and are retried.
 */
export class SqliteRecorder extends SqlRecorder {
  constructor(options: RecorderOptions) {
    const { salt, databasePath, ...rest } = options;
    // A backlog is written in one transaction; a write waiting at all means the database failed.
    // (Writes held for the turn's commit do not count: health() leaves them out while it is due.)
    const settings = {
      ...COMMON_DEFAULTS,
      batchSize: Number.POSITIVE_INFINITY,
      slowMs: 0,
      ...rest,
    };
    super(new SqliteEngine(databasePath, salt, settings), settings);
  }

  /** Synchronous: the queue is written when this returns. */
  override flush(): void {
    void super.flush();
  }
}

class SqliteEngine implements Engine {
  readonly #file: SqliteFile;
  #current: { db: Db; statements: ReturnType<typeof prepareStatements> } | undefined;
  readonly #saltFile: string | undefined;
  #salt: string | undefined;
  #hash: Hash | undefined;
  #saltError: string | undefined;
  #reopened = 0;
  #lastReopen: string | undefined;

  constructor(
    private readonly databasePath: string,
    salt: RecorderOptions["salt"],
    private readonly options: RecorderSettings,
  ) {
    this.#file = new SqliteFile(databasePath, {
      // 0 while running: a locked database must never hold up an answer.
      busyTimeoutMs: 0,
      onReopen: (why) => this.#reopen(why),
    });
    if (typeof salt === "string") this.#salt = salt;
    else this.#saltFile = salt.file;
  }

  open(): Sql {
    return this.#file.sql();
  }

  prepare(): Hash {
    this.#connection();
    this.#loadSalt();
    this.#hash ??= userHasher(this.#salt as string);
    return this.#hash;
  }

  probe(): void {}

  /**
   * One write at once (autocommit), a backlog in one transaction. On the connection prepare()
   * has just checked, in the same synchronous step: the file is not looked at twice a write.
   */
  write(answers: AnswerRow[], feedback: FeedbackRow[]): void {
    const { db, statements } = this.#current ?? this.#connection();
    const writeAll = () => {
      for (const row of answers) statements.insertAnswer.run(row);
      for (const row of feedback) statements.insertFeedback.run(row);
    };
    if (answers.length + feedback.length === 1) writeAll();
    else db.transaction(writeAll)();
  }

  /** better-sqlite3 is synchronous: nothing else writes between the statements. */
  snapshot<T>(read: (sql: Sql) => Promise<T>): Promise<T> {
    return read(this.open());
  }

  isRefusal(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT");
  }

  failed(): void {
    this.#file.dropIfClosed();
  }

  closing(): void {
    // On the way out, a lock is worth a short wait: the queued writes would otherwise be lost.
    this.#file.setBusyTimeout(2_000);
  }

  close(): void {
    this.#file.close();
  }

  health() {
    return {
      ...(this.#saltError ? { problem: this.#saltError } : {}),
      ...(this.#reopened > 0 ? { reopened: this.#reopened, lastReopen: this.#lastReopen } : {}),
    };
  }

  /** The open database (opened anew when the file was deleted or replaced), its statements. */
  #connection() {
    const db = this.#file.get();
    if (this.#current?.db !== db) {
      this.#current = { db, statements: prepareStatements(db) };
    }
    return this.#current;
  }

  /** Told by the file that it was deleted or replaced, before it is opened anew. */
  #reopen(why: string): void {
    const file = this.databasePath;
    this.options.log.warn(`recording: ${file} ${why} while open; opening it anew`);
    this.#reopened++;
    this.#lastReopen = `${new Date(this.options.now()).toISOString()} ${file} ${why}`;
    this.#restoreSalt();
  }

  /** Puts the salt back if its file went too (a deleted data folder): hashes must not change. */
  #restoreSalt(): void {
    const file = this.#saltFile;
    if (file === undefined || this.#salt === undefined || fileId(file) !== undefined) return;
    try {
      makePrivateDir(path.dirname(file));
      if (loadOrCreateSalt(file, this.#salt) !== this.#salt) {
        this.options.log.warn(`recording: ${file} now holds another salt; it applies from restart`);
      }
    } catch (error) {
      this.options.log.warn(`recording: cannot restore ${file} (${(error as Error).message})`);
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
}
