import { randomBytes } from "node:crypto";
import type { RecordingSettings } from "../config/index.js";
import { SqliteRecorder } from "./recorder.js";
import { DISABLED_RECORDER, type Log, type Recorder } from "./types.js";

/**
 * The recorder the settings ask for. A database or salt file that cannot be set up does not stop
 * the app: the recorder reports it through health(), holds answers in its bounded queue, and
 * keeps retrying.
 */
export function createRecorder(settings: RecordingSettings, log: Log): Recorder {
  if (!settings.enabled) return DISABLED_RECORDER;
  const file = settings.databasePath;
  return new SqliteRecorder({
    databasePath: file,
    retentionDays: settings.retentionDays,
    // An in-memory database lives as long as the process, and so can its salt.
    salt: file === ":memory:" ? randomBytes(32).toString("hex") : { file: `${file}.salt` },
    log,
  });
}
