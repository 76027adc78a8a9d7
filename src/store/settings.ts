import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { RecordingSettings } from "../config/index.js";
import { loadOrCreateSalt, SqliteRecorder } from "./recorder.js";
import { DISABLED_RECORDER, type Log, type Recorder } from "./types.js";

/**
 * Recording settings named as their environment variables, as the store's own tests write
 * them. The app and the command line read src/config's settings and call openRecorder.
 */
export interface RecordingEnv {
  RECORD_QUESTIONS: boolean;
  RETENTION_DAYS: number;
  DATABASE_PATH: string;
}

/** The recorder src/config's recording settings ask for (see createRecorder). */
export function openRecorder(settings: RecordingSettings, log: Log): Recorder {
  return createRecorder(
    {
      RECORD_QUESTIONS: settings.enabled,
      RETENTION_DAYS: settings.retentionDays,
      DATABASE_PATH: settings.databasePath,
    },
    log,
  );
}

/**
 * The recorder the settings ask for. A database that cannot be set up does not stop the app:
 * the recorder reports it through health() and keeps retrying.
 */
export function createRecorder(settings: RecordingEnv, log: Log): Recorder {
  if (!settings.RECORD_QUESTIONS) return DISABLED_RECORDER;
  const file = settings.DATABASE_PATH;
  let salt: string;
  try {
    // An in-memory database lives as long as the process, and so can its salt.
    if (file === ":memory:") salt = randomBytes(32).toString("hex");
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      salt = loadOrCreateSalt(`${file}.salt`);
    }
  } catch (error) {
    const message = `cannot create the salt file beside ${file}: ${(error as Error).message}`;
    log.warn(`recording: ${message}; nothing will be recorded`);
    return {
      ...DISABLED_RECORDER,
      health: () => ({ state: "degraded", pending: 0, dropped: 0, lastError: message }),
    };
  }
  return new SqliteRecorder({
    databasePath: file,
    retentionDays: settings.RETENTION_DAYS,
    salt,
    log,
  });
}
