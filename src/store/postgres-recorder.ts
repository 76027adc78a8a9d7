/**
 * The PostgreSQL engine of the recorder (sql-recorder.ts): the pool on DATABASE_URL, migrated
 * under an advisory lock, the salt kept in the database, and a batch written as one statement
 * per table. Writes go out in the background, the writes of one tick together: an answer never
 * waits on the network.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { createPool, migratedSql, type PoolOptions, postgresSql, transaction } from "./postgres.js";
import {
  type AnswerRow,
  COMMON_DEFAULTS,
  type CommonRecorderOptions,
  type FeedbackRow,
  type Hash,
  SALT,
  userHasher,
} from "./rows.js";
import type { Sql } from "./sql.js";
import { type Engine, SqlRecorder } from "./sql-recorder.js";
import { untilSucceeded, within } from "./steps.js";
import type { Log } from "./types.js";

export interface PostgresRecorderOptions extends CommonRecorderOptions {
  /** postgres://USER:PASSWORD@HOST:PORT/DATABASE */
  databaseUrl: string;
  /**
   * Secret salt for hashing user ids. Default: the one kept in the database (table `secrets`),
   * made by the first instance to need it, so that every instance hashes alike.
   */
  salt?: string;
  pool?: PoolOptions;
}

const SALT_NAME = "user_hash_salt";

// A batch is one statement per table, whatever its size: each column travels as one array.
const INSERT_ANSWERS = `INSERT INTO answers (id, created_at, workspace_id, surface, user_hash, question, scenario_id, score, alternatives)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::text[])`;
// An answer deleted by retention (or never recorded) has nothing left to attach to.
const INSERT_FEEDBACK = `INSERT INTO feedback (answer_id, created_at, user_hash, kind, scenario_id)
  SELECT u.answer_id, u.created_at, u.user_hash, u.kind, u.scenario_id
  FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
    WITH ORDINALITY AS u (answer_id, created_at, user_hash, kind, scenario_id, n)
  WHERE EXISTS (SELECT 1 FROM answers a WHERE a.id = u.answer_id)
  ORDER BY u.n`;
/**
 * PostgreSQL recorder (DATABASE_URL): the shared recorder (sql-recorder.ts) on the PostgreSQL
 * engine. If the database is down, read-only or refuses, the batch goes back to the queue and is
 * retried; a database that is merely slow shows as "degraded" once a write has waited longer
 * than `slowMs`. A clean stop writes the queue, for up to `closeTimeoutMs`.
 */
export class PostgresRecorder extends SqlRecorder {
  constructor(options: PostgresRecorderOptions) {
    const { databaseUrl, salt, pool, ...rest } = options;
    const settings = { ...COMMON_DEFAULTS, ...rest };
    super(new PostgresEngine(databaseUrl, salt, pool, settings.log), settings);
  }

  /** Writes what is queued now, without waiting for the retry timer; resolves when done. */
  override async flush(): Promise<void> {
    await super.flush();
  }
}

class PostgresEngine implements Engine {
  readonly #pool: pg.Pool;
  /** Migrated: the Sql port on the pool. */
  readonly open: () => Promise<Sql>;
  /** Migrated, and the salt read: the hash. */
  readonly prepare: () => Promise<Hash>;

  constructor(url: string, salt: string | undefined, pool: PoolOptions | undefined, log: Log) {
    this.#pool = createPool(url, {
      ...pool,
      // The pool drops the connection and opens another when next needed: nothing is degraded
      // until a write or a read fails.
      onError: (error) =>
        log.warn(`recording: a PostgreSQL connection was lost (${error.message})`),
    });
    this.open = migratedSql(this.#pool);
    this.prepare = untilSucceeded(async () => {
      await this.open();
      return userHasher(salt ?? (await this.#loadSalt()));
    });
  }

  async probe(): Promise<void> {
    await this.#pool.query("SELECT 1");
  }

  /** One transaction: the batch's answers, then its feedback (which may name those answers). */
  async write(answers: AnswerRow[], feedback: FeedbackRow[]): Promise<void> {
    const answerColumns = () =>
      columns(answers, [
        "id",
        "created_at",
        "workspace_id",
        "surface",
        "user_hash",
        "question",
        "scenario_id",
        "score",
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

  /** One snapshot: every figure counts the same history. */
  async snapshot<T>(read: (sql: Sql) => Promise<T>): Promise<T> {
    return transaction(
      this.#pool,
      (client) => read(postgresSql(client)),
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  }

  isRefusal(error: unknown): boolean {
    return isRefusal(error);
  }

  failed(): void {}

  closing(): void {}

  async close(): Promise<void> {
    // A connection stuck on a slow server must not hold up the stop.
    const timeout = () => new Error("closing the connections: no answer within 1000 ms");
    await within(this.#pool.end(), 1_000, timeout).catch(() => {});
  }

  health() {
    return {};
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
    const value = rows[0]?.value ?? "";
    if (!SALT.test(value)) {
      throw new Error(`the ${SALT_NAME} in table secrets is not 64 hex characters`);
    }
    return value;
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
