import { randomBytes } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { makePrivateDir } from "./database.js";
import { loadOrCreateSalt, SqliteRecorder } from "./recorder.js";
import { DISABLED_RECORDER, type Log, type Recorder } from "./types.js";

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], {
    error: "must be true or false",
  })
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

/** Recording settings (environment), shared by the Slack app and `scenario-bot --record`. */
export const recordingSettingsSchema = z.object({
  RECORD_QUESTIONS: flag.default(true),
  RETENTION_DAYS: z.coerce.number().int().min(1, "must be at least 1 day").default(90),
  DATABASE_PATH: z.string().min(1).default("./data/scenario-bot.db"),
});
export type RecordingSettings = z.infer<typeof recordingSettingsSchema>;

export const RECORDING_HINTS = {
  RECORD_QUESTIONS: "true (default) or false, to turn question recording off",
  RETENTION_DAYS: "days to keep recorded questions and feedback (default 90)",
  DATABASE_PATH: "the SQLite file for recorded questions (default ./data/scenario-bot.db)",
};

/**
 * The recorder the settings ask for. A database that cannot be set up does not stop the app:
 * the recorder reports it through health() and keeps retrying.
 */
export function createRecorder(settings: RecordingSettings, log: Log): Recorder {
  if (!settings.RECORD_QUESTIONS) return DISABLED_RECORDER;
  const file = settings.DATABASE_PATH;
  let salt: string;
  try {
    // An in-memory database lives as long as the process, and so can its salt.
    if (file === ":memory:") salt = randomBytes(32).toString("hex");
    else {
      makePrivateDir(path.dirname(file));
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
