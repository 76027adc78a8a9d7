import { randomBytes } from "node:crypto";
import { z } from "zod";
import { SqliteRecorder } from "./recorder.js";
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
 * The recorder the settings ask for. A database or salt file that cannot be set up does not stop
 * the app: the recorder reports it through health(), holds answers in its bounded queue, and
 * keeps retrying.
 */
export function createRecorder(settings: RecordingSettings, log: Log): Recorder {
  if (!settings.RECORD_QUESTIONS) return DISABLED_RECORDER;
  const file = settings.DATABASE_PATH;
  return new SqliteRecorder({
    databasePath: file,
    retentionDays: settings.RETENTION_DAYS,
    // An in-memory database lives as long as the process, and so can its salt.
    salt: file === ":memory:" ? randomBytes(32).toString("hex") : { file: `${file}.salt` },
    log,
  });
}
