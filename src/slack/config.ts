import { LogLevel } from "@slack/bolt";
import { z } from "zod";
import { CATALOG_HINTS, type CatalogSettings, catalogSettingsSchema } from "../catalog/settings.js";
import { parseSettings, SettingsError } from "../settings.js";
import {
  RECORDING_HINTS,
  type RecordingSettings,
  recordingSettingsSchema,
} from "../store/settings.js";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";
export const DEFAULT_PORT = 3000;

/** Where each variable comes from, appended to start-up errors. Paths are Slack's app config pages. */
export const SETTING_HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN:
    "OAuth & Permissions → OAuth Tokens → Bot User OAuth Token (xoxb-…), shown once the app is installed to the workspace",
  SLACK_SIGNING_SECRET:
    "Basic Information → App Credentials → Signing Secret (needed in HTTP mode, that is when SLACK_APP_TOKEN is unset)",
  SLACK_APP_TOKEN:
    "Basic Information → App-Level Tokens → Generate Token and Scopes, with the connections:write scope (xapp-…); set it only for Socket Mode",
  PORT: `the TCP port HTTP mode listens on (default ${DEFAULT_PORT})`,
  LOG_LEVEL: "one of debug, info, warn, error (default info)",
  SLACK_API_URL: `the Slack Web API base URL; leave unset for ${DEFAULT_SLACK_API_URL}`,
  ...CATALOG_HINTS,
  ADMIN_USER_IDS:
    "comma-separated Slack user ids (U…) allowed to run /scenario stats; a user's id is under their profile → ⋮ → Copy member ID",
  ...RECORDING_HINTS,
};

const slackSettingsSchema = catalogSettingsSchema
  .extend(recordingSettingsSchema.shape)
  .extend({
    ADMIN_USER_IDS: z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== ""),
      )
      .pipe(
        z.array(z.string().regex(/^[UW][A-Z0-9]+$/, "must list Slack user ids such as U012AB3CD")),
      )
      .default([]),
    SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "must be a bot token starting with xoxb-"),
    SLACK_APP_TOKEN: z
      .string()
      .startsWith("xapp-", "must be an app-level token starting with xapp-")
      .optional(),
    SLACK_SIGNING_SECRET: z
      .string()
      .regex(/^[0-9a-f]{32,}$/i, "must be the 32-character hex Signing Secret")
      .optional(),
    PORT: z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a port number" })
      .min(0, { error: "must be a port number" })
      .max(65535, { error: "must be a port number" })
      .default(DEFAULT_PORT),
    LOG_LEVEL: z.enum(LogLevel).default(LogLevel.INFO),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .default(DEFAULT_SLACK_API_URL),
  })
  // `when` makes this run even if another variable failed, so one run reports every problem.
  .refine((env) => env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined, {
    path: ["SLACK_SIGNING_SECRET"],
    message: "required in HTTP mode",
    when: () => true,
  });

/** Socket Mode when an app-level token is set (development); otherwise HTTP on PORT. */
export type Connection =
  | { mode: "socket"; appToken: string }
  | { mode: "http"; signingSecret: string; port: number };

export interface SlackSettings extends CatalogSettings {
  botToken: string;
  connection: Connection;
  logLevel: LogLevel;
  slackApiUrl: string;
  recording: RecordingSettings;
  /** Who may see `/scenario stats`. */
  adminUserIds: string[];
}

/** Reads the Slack app's settings; throws SettingsError naming each bad variable (never its value). */
export function loadSlackSettings(env: NodeJS.ProcessEnv): SlackSettings {
  const s = parseSettings(slackSettingsSchema, env, SETTING_HINTS);
  let connection: Connection;
  if (s.SLACK_APP_TOKEN !== undefined) {
    connection = { mode: "socket", appToken: s.SLACK_APP_TOKEN };
  } else if (s.SLACK_SIGNING_SECRET !== undefined) {
    connection = { mode: "http", signingSecret: s.SLACK_SIGNING_SECRET, port: s.PORT };
  } else {
    throw new Error("unreachable: the schema requires SLACK_APP_TOKEN or SLACK_SIGNING_SECRET");
  }
  return {
    botToken: s.SLACK_BOT_TOKEN,
    connection,
    logLevel: s.LOG_LEVEL,
    slackApiUrl: s.SLACK_API_URL,
    scenariosDir: s.SCENARIOS_DIR,
    docsBaseUrl: s.DOCS_BASE_URL,
    recording: {
      RECORD_QUESTIONS: s.RECORD_QUESTIONS,
      RETENTION_DAYS: s.RETENTION_DAYS,
      DATABASE_PATH: s.DATABASE_PATH,
    },
    adminUserIds: s.ADMIN_USER_IDS,
  };
}

/** Slack's answers meaning the token itself is wrong (not that Slack is unreachable). */
const BAD_TOKEN_ERRORS = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
]);

/**
 * Runs a start-up call made with the token in `variable`; if Slack rejects the token, throws a
 * SettingsError naming the variable and where to find it (never the value).
 */
export async function checkToken<T>(variable: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (typeof code === "string" && BAD_TOKEN_ERRORS.has(code)) {
      throw new SettingsError(
        `${variable} was rejected by Slack (${code}): ${SETTING_HINTS[variable] ?? ""}`,
      );
    }
    throw error;
  }
}
