/**
 * PostgreSQL (DATABASE_URL): the pool, the migrations under an advisory lock, and statements
 * through the interface both engines share (sql.ts).
 */
import { createRequire } from "node:module";
import type pg from "pg";
import { MIGRATION_STEPS } from "./migrations.js";
import { postgresText, type Sql } from "./sql.js";
import { untilSucceeded } from "./steps.js";

/** The migrations in PostgreSQL's dialect. */
export const PG_MIGRATIONS: readonly string[] = MIGRATION_STEPS.map((step) => step.postgres);

/**
 * The advisory lock key that serialises migrations when several instances start at once (any
 * 64-bit number this app alone uses on the database).
 */
export const MIGRATION_LOCK = 7_361_902_411;

/**
 * The `pg` module, loaded on first use: an app recording to SQLite never loads it (some 10 MB
 * of resident memory at start-up).
 */
let pgModule: typeof pg | undefined;
function loadPg(): typeof pg {
  pgModule ??= createRequire(import.meta.url)("pg") as typeof pg;
  return pgModule;
}

/** int8 (COUNT(*), BIGINT columns) as a JS number: Unix milliseconds and counts fit in 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary"
      ? (value: string) => Number(value)
      : loadPg().types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

export interface PoolOptions {
  /** Connections at most (a small pool: writes go one batch at a time). */
  max?: number;
  /** How long to wait for a connection, in ms. */
  connectTimeoutMs?: number;
  /** The server cancels a statement running longer than this, in ms. */
  statementTimeoutMs?: number;
  /** Told about errors on idle connections (the server restarted, the network dropped). */
  onError?: (error: Error) => void;
}

/** A small pool on `url`; nothing connects until the first query. */
export function createPool(url: string, options: PoolOptions = {}): pg.Pool {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    // A session stuck inside a transaction (its process paused or gone) must not hold locks.
    idle_in_transaction_session_timeout: 60_000,
    application_name: "scenario-advisor",
    types,
  });
  // Without a listener, an idle connection's error (a server restart) would end the process.
  pool.on("error", (error) => options.onError?.(error));
  return pool;
}

/** Statements on a pool or one connection, in the dialect both engines share. */
export function postgresSql(db: pg.Pool | pg.PoolClient): Sql {
  return {
    dialect: "postgres",
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await db.query(postgresText(sql), [...params])).rows as T[],
    run: async (sql, params = []) => (await db.query(postgresText(sql), [...params])).rowCount ?? 0,
  };
}

/**
 * The Sql port on `pool` once the migrations are applied: migrated on first use, kept once that
 * succeeds, tried again after a failure (steps.ts).
 */
export function migratedSql(pool: pg.Pool): () => Promise<Sql> {
  return untilSucceeded(async () => {
    await migratePostgres(pool);
    return postgresSql(pool);
  });
}

const ignore = () => {};

/**
 * A connection of the pool for `work`, released after; one that failed is closed rather than
 * reused (it may be broken, or stuck in a failed transaction).
 */
export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // The connection may drop between two statements: that must reach `work`, not end the process.
  client.on("error", ignore);
  try {
    const result = await work(client);
    client.off("error", ignore);
    client.release();
    return result;
  } catch (error) {
    client.off("error", ignore);
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Runs `work` on one connection inside a transaction; rolls back if it throws. */
export function transaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = "BEGIN",
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(begin);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  });
}

const VERSION_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  applied_at BIGINT NOT NULL
)`;

/** The version the database has reached: 0 when it was never migrated. */
export async function pgSchemaVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  const { rows } = await db.query<{ version: number | null }>(
    "SELECT MAX(version) AS version FROM schema_migrations",
  );
  return rows[0]?.version ?? 0;
}

/** The version reached, 0 when the database was never migrated (no schema_migrations yet). */
export async function currentVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  try {
    return await pgSchemaVersion(db);
  } catch (error) {
    if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return 0;
    throw error;
  }
}
const UNDEFINED_TABLE = "42P01";

/**
 * Applies the migrations not applied yet, each in its own transaction, holding a session-level
 * advisory lock meanwhile: instances starting together take turns, and each finds the work done
 * by the one before it. The lock goes with the connection if the process dies.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly string[] = PG_MIGRATIONS,
): Promise<void> {
  // Already there (every start but the first of a version): no lock, no DDL, so that a
  // read-only replica or a busy database does not hold up start-up.
  if ((await currentVersion(pool)) >= migrations.length) return;
  await withClient(pool, async (client) => {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(VERSION_TABLE);
      for (let version = await pgSchemaVersion(client); version < migrations.length; version++) {
        await client.query("BEGIN");
        try {
          await client.query(migrations[version] as string);
          await client.query(
            "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
            [version + 1, Date.now()],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch(ignore);
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}
