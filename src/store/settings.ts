import { randomBytes } from "node:crypto";
import type { RecordingSettings } from "../config/index.js";
import { PostgresRecorder } from "./postgres-recorder.js";
import { SqliteRecorder } from "./recorder.js";
import { DISABLED_RECORDER, type Log, type Recorder } from "./types.js";

/**
 * The recorder the settings ask for: PostgreSQL when DATABASE_URL is set, else SQLite at
 * DATABASE_PATH. A database or salt file that cannot be set up does not stop the app: the
 * recorder reports it through health(), holds answers in its bounded queue, and keeps retrying.
 */
export function createRecorder(settings: RecordingSettings, log: Log): Recorder {
  if (!settings.enabled) return DISABLED_RECORDER;
  if (settings.databaseUrl !== undefined) {
    return new PostgresRecorder({
      databaseUrl: settings.databaseUrl,
      retentionDays: settings.retentionDays,
      log,
    });
  }
  const file = settings.databasePath;
  return new SqliteRecorder({
    databasePath: file,
    retentionDays: settings.retentionDays,
    // An in-memory database lives as long as the process, and so can its salt.
    salt: file === ":memory:" ? randomBytes(32).toString("hex") : { file: `${file}.salt` },
    log,
  });
}
