import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { MIGRATION_STEPS } from "./migrations.js";
import type { Sql } from "./sql.js";

export type Db = Database.Database;

/**
 * Versioned schema migrations in SQLite's dialect (both dialects side by side: migrations.ts),
 * applied in order at start. `PRAGMA user_version` holds the version reached.
 */
export const MIGRATIONS: readonly string[] = MIGRATION_STEPS.map((step) => step.sqlite);

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/** Applies the migrations not applied yet, each in its own transaction. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  for (let version = schemaVersion(db); version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** Owner only: the records hold questions and hashed user ids, the salt makes the hashes. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` and any missing parents, each 0700 whatever the umask. A folder that already
 * exists keeps its mode: it may be shared on purpose.
 */
export function makePrivateDir(dir: string): void {
  const target = path.resolve(dir);
  const first = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (first === undefined) return;
  // mkdir's mode passes through the umask; chmod sets exactly what is meant.
  for (let d = target; ; d = path.dirname(d)) {
    chmodSync(d, PRIVATE_DIR_MODE);
    if (d === path.resolve(first) || d === path.dirname(d)) break;
  }
}

/**
 * Opens `file` for writing if it does not exist yet, created 0600 whatever the umask; returns
 * the descriptor, or undefined when the file was already there.
 */
export function createPrivateFile(file: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(file, "wx", PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}

/** Makes SQLite's -wal and -shm files beside `file` 0600 (best effort: they may not exist). */
function makeSidecarsPrivate(file: string): void {
  for (const suffix of ["-wal", "-shm"]) {
    try {
      chmodSync(file + suffix, PRIVATE_FILE_MODE);
    } catch {
      // Absent (not created yet), or another user's: nothing to do here.
    }
  }
}

export interface OpenOptions {
  /** How long a write waits for another connection's lock before giving up, in ms. */
  busyTimeoutMs?: number;
  /** Apply pending migrations (default). Readers such as the report pass false. */
  migrate?: boolean;
}

/**
 * Opens (creating it and its folder if needed) and migrates the database, in WAL mode so that
 * readers, such as the report, never wait for the app's writes. synchronous=NORMAL keeps every
 * committed transaction through a crash of the process (not of the machine), at no fsync per
 * answer. A folder it creates is 0700; the file, its -wal and -shm are 0600.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const onDisk = file !== ":memory:" && file !== "";
  if (onDisk) {
    makePrivateDir(path.dirname(file));
    // Created before SQLite opens it, which would make it 0644; SQLite gives -wal and -shm
    // the database file's mode.
    const fd = createPrivateFile(file);
    if (fd !== undefined) closeSync(fd);
  }
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 0 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    if (onDisk) makeSidecarsPrivate(file);
    if (options.migrate ?? true) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Statements on `db` through the interface both engines share (sql.ts); each is prepared once.
 * better-sqlite3 is synchronous: the promise is settled when this returns.
 */
export function sqliteSql(db: Db): Sql {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    dialect: "sqlite",
    all: async <T>(sql: string, params: readonly unknown[] = []) =>
      prepared(sql).all(...params) as T[],
    run: async (sql, params = []) => prepared(sql).run(...params).changes,
  };
}
