/**
 * One SQLite database file kept open, and followed: before each use the path is checked to
 * still name the file the connection opened; one deleted or replaced underneath (a restore, a
 * cleaned-up data folder) is opened anew, so that writes go to the file at the path and not to
 * a vanished one. The recorder, the event log and the installation store use it.
 */
import { statSync, unlinkSync } from "node:fs";
import { type Db, openDatabase, sqliteSql } from "./database.js";
import type { Sql } from "./sql.js";

/** A file's device and inode, or undefined when there is none at that path. */
export type FileId = { dev: bigint; ino: bigint } | undefined;

export function fileId(file: string): FileId {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats && { dev: stats.dev, ino: stats.ino };
}

export const sameFile = (a: FileId, b: FileId) =>
  a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/** The files SQLite keeps beside the database in WAL mode. */
const SIDECARS = ["-wal", "-shm"] as const;

export interface SqliteFileOptions {
  /** How long a statement waits for another connection's lock, in ms. */
  busyTimeoutMs: number;
  /** Told when the file at the path is no longer the one open, before it is opened anew. */
  onReopen?: (why: "was deleted" | "was replaced") => void;
  /** Told each time a new connection opens (statements prepared on the old one are void). */
  onOpen?: (db: Db) => void;
}

export class SqliteFile {
  #db: Db | undefined;
  /** The database file and its sidecars as they were when the connection opened them. */
  #opened = new Map<string, FileId>();
  #busyTimeoutMs: number;
  #sql: { db: Db; sql: Sql } | undefined;

  constructor(
    readonly path: string,
    private readonly options: SqliteFileOptions,
  ) {
    this.#busyTimeoutMs = options.busyTimeoutMs;
  }

  get #onDisk(): boolean {
    return this.path !== ":memory:" && this.path !== "";
  }

  /**
   * The open database: opened (and migrated) on first use, after a failure closed it, or anew
   * when the file at the path is no longer the one open (deleted or replaced).
   */
  get(): Db {
    const file = this.path;
    if (this.#db !== undefined && this.#onDisk) {
      const opened = this.#opened.get("");
      if (opened !== undefined && !sameFile(fileId(file), opened)) this.#reopen();
    }
    if (this.#db === undefined) {
      const db = openDatabase(file, { busyTimeoutMs: this.#busyTimeoutMs });
      this.#db = db;
      this.#opened = new Map(
        ["", ...SIDECARS].map((suffix) => [
          suffix,
          this.#onDisk ? fileId(file + suffix) : undefined,
        ]),
      );
      this.options.onOpen?.(db);
    }
    return this.#db;
  }

  /** The open database (as get()) as the Sql port (sql.ts), its statements prepared once per connection. */
  sql(): Sql {
    const db = this.get();
    if (this.#sql?.db !== db) this.#sql = { db, sql: sqliteSql(db) };
    return this.#sql.sql;
  }

  /** Sets how long statements wait for a lock, now and on any later connection. */
  setBusyTimeout(ms: number): void {
    this.#busyTimeoutMs = ms;
    this.#db?.pragma(`busy_timeout = ${ms}`);
  }

  /** Forgets a connection that a failure closed, so that the next use opens one. */
  dropIfClosed(): void {
    if (this.#db && !this.#db.open) this.#db = undefined;
  }

  close(): void {
    this.#db?.close();
    this.#db = undefined;
  }

  /** Closes the connection to a file deleted or replaced underneath, and clears what it left. */
  #reopen(): void {
    const file = this.path;
    this.options.onReopen?.(fileId(file) === undefined ? "was deleted" : "was replaced");
    try {
      this.#db?.close();
    } catch {
      // Closing a connection to a vanished file may fail; it is dropped either way.
    }
    this.#db = undefined;
    // SQLite leaves -wal and -shm behind when the database file has moved. While they are still
    // the ones this connection used, they belong to the old file: read into a new database at
    // the same path, they would resurrect or corrupt it.
    for (const suffix of SIDECARS) {
      if (!sameFile(fileId(file + suffix), this.#opened.get(suffix))) continue;
      try {
        unlinkSync(file + suffix);
      } catch {
        // Gone already.
      }
    }
  }
}
