import { randomBytes } from "node:crypto";
import type { RecordingSettings } from "../config/settings.js";
import { createEventLog } from "./event-log.js";
import { EncryptedInstallationStore } from "./installations.js";
import { createPool, migratedSql } from "./postgres.js";
import { PostgresRecorder } from "./postgres-recorder.js";
import type { Sql } from "./sql.js";
import { SqliteFile } from "./sqlite-file.js";
import { SqliteRecorder } from "./sqlite-recorder.js";
import { type Log, type Recorder, recordingOff } from "./types.js";

/**
 * The recorder the settings ask for: PostgreSQL when DATABASE_URL is set, else SQLite at
 * DATABASE_PATH. A database or salt file that cannot be set up does not stop the app: the
 * recorder reports it through health(), holds answers in its bounded queue, and keeps retrying.
 */
export function createRecorder(settings: RecordingSettings, log: Log): Recorder {
  // Off: nothing recorded, but Slack events are still de-duplicated in the shared database.
  if (!settings.enabled) return recordingOff(createEventLog(settings, log));
  // What both engines take alike; an unset group commit keeps the recorders' own default.
  const common = {
    retentionDays: settings.retentionDays,
    ...(settings.groupCommitMs !== undefined && { groupCommitMs: settings.groupCommitMs }),
    log,
  };
  if (settings.databaseUrl !== undefined) {
    return new PostgresRecorder({ databaseUrl: settings.databaseUrl, ...common });
  }
  const file = settings.databasePath;
  return new SqliteRecorder({
    databasePath: file,
    ...common,
    // An in-memory database lives as long as the process, and so can its salt.
    salt: file === ":memory:" ? randomBytes(32).toString("hex") : { file: `${file}.salt` },
  });
}

/** The Sql port `open()` resolves to, opened (migrated) by the first statement. */
function whenReady(dialect: Sql["dialect"], open: () => Promise<Sql>): Sql {
  return {
    dialect,
    all: async (sql, params) => (await open()).all(sql, params),
    run: async (sql, params) => (await open()).run(sql, params),
  };
}

/**
 * The installation store for OAuth mode, in the same database as the records (whether recording
 * is on or not): PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH.
 * Opened (and migrated) on first use; tokens are sealed with the first of `keys` (INSTALLATION_ENCRYPTION_KEY), and
 * read with any (the previous key, while rotating).
 */
export function createInstallationStore(
  settings: RecordingSettings,
  keys: Buffer | readonly Buffer[],
  log: Log,
): EncryptedInstallationStore {
  const url = settings.databaseUrl;
  if (url !== undefined) {
    const pool = createPool(url, {
      max: 2,
      onError: (error) =>
        log.warn(`installations: a PostgreSQL connection was lost (${error.message})`),
    });
    const sql = whenReady("postgres", migratedSql(pool));
    return new EncryptedInstallationStore(sql, keys, () => pool.end());
  }
  // Reads never wait in WAL mode; an install or uninstall may wait a second for a writer. The
  // file is followed as the recorder's is: one deleted or replaced is opened anew.
  const file = new SqliteFile(settings.databasePath, {
    busyTimeoutMs: 1_000,
    onReopen: (why) =>
      log.warn(`installations: ${settings.databasePath} ${why} while open; opening it anew`),
  });
  const sql: Sql = {
    dialect: "sqlite",
    all: async (text, params) => {
      try {
        return await file.sql().all(text, params);
      } finally {
        file.dropIfClosed();
      }
    },
    run: async (text, params) => {
      try {
        return await file.sql().run(text, params);
      } finally {
        file.dropIfClosed();
      }
    },
  };
  return new EncryptedInstallationStore(sql, keys, async () => file.close());
}
