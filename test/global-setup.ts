import { execFileSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findPgBin, type PgCluster, startCluster } from "./helpers/postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL server's URL (a superuser's: tests create their own databases), or "". */
    testDatabaseUrl: string;
    /** Why there is none, when testDatabaseUrl is "". */
    testDatabaseMissing: string;
  }
}

/**
 * Tests spawn the built CLI and app, so build once (`npm run build`) before any test runs. Then a PostgreSQL
 * server for the tests that need one: TEST_DATABASE_URL if set, else a throwaway cluster started
 * here (initdb found on this machine) and stopped after the run. Without either, those tests are
 * skipped with the reason, except in CI (CI=true), where that fails the run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const root = path.resolve(import.meta.dirname, "..");
  // The real build script, as a user runs it (so that what it leaves, the bin's execute bit
  // included, is what the tests see).
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });

  let cluster: PgCluster | undefined;
  let url = process.env.TEST_DATABASE_URL ?? "";
  let missing = "";
  if (url === "") {
    const bin = findPgBin();
    if (bin === undefined) {
      missing =
        "no PostgreSQL server: set TEST_DATABASE_URL, or install PostgreSQL (Debian: apt-get install -y postgresql) so that the tests start one";
    } else {
      try {
        cluster = await startCluster(bin, process.env.TEST_PG_ROOT || undefined);
        url = cluster.url;
      } catch (error) {
        missing = `no PostgreSQL server: starting one with ${bin} failed (${(error as Error).message.trim()})`;
      }
    }
  }
  if (missing !== "") {
    if (process.env.CI === "true") throw new Error(`CI must run the PostgreSQL tests: ${missing}`);
    process.stderr.write(`\nPostgreSQL tests are SKIPPED: ${missing}\n\n`);
  }
  project.provide("testDatabaseUrl", url);
  project.provide("testDatabaseMissing", missing);
  return () => cluster?.stop();
}
