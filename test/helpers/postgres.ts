/**
 * PostgreSQL for the tests: the server the global setup found or started (test/global-setup.ts),
 * and a fresh database per test file or test. Without a server, `describePg` skips its suite
 * and names why in the suite's title (in CI the global setup fails instead).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, inject } from "vitest";

const missing = inject("testDatabaseMissing");
// Only the integration project's global setup provides a server (vitest.config.ts): a file
// that needs one and runs elsewhere would be skipped without a word.
if (missing === undefined) {
  throw new Error(
    "PostgreSQL tests run in the integration project: add this file to INTEGRATION in vitest.config.ts",
  );
}
/** The server's URL (a superuser), or undefined when there is none. */
export const PG_URL = inject("testDatabaseUrl") || undefined;

/** `describe` when there is a PostgreSQL server; otherwise skipped, saying why. */
export function describePg(name: string, suite: () => void): void {
  if (PG_URL) describe(name, suite);
  else describe.skip(`${name} (skipped: ${missing})`, suite);
}

/** `url` with another database name. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `sql` as the superuser on the server's `postgres` database. */
export async function admin<T extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const created: string[] = [];
afterAll(async () => {
  if (!PG_URL || created.length === 0) return;
  for (const name of created.splice(0)) {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  }
});

export interface FreshDatabase {
  name: string;
  url: string;
}

/**
 * A new, empty database on the test server, dropped after the file's tests. `icu` makes its
 * collation an ICU locale's (such as "en-US"), whose order is not the bytes'.
 */
export async function freshDatabase(options: { icu?: string } = {}): Promise<FreshDatabase> {
  if (!PG_URL) throw new Error("no PostgreSQL server for the tests");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const locale = options.icu
    ? ` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '${options.icu}'`
    : "";
  await admin(`CREATE DATABASE ${name}${locale}`);
  created.push(name);
  return { name, url: databaseUrl(PG_URL, name) };
}

/** Ends every backend connected to `database` but the caller's (as a server restart would). */
export async function disconnectAll(database: string): Promise<void> {
  await admin(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [database],
  );
}

/** A client on `url` for a test's own queries; end it after. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  // A test may cut its own connections (disconnectAll): that is no error of the test's.
  client.on("error", () => {});
  await client.connect();
  return client;
}
