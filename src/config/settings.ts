/**
 * The settings, read from the environment in one place: `loadSettings` for the command line,
 * `loadAppSettings` for the Slack app (the same fields and Slack's own). Variable names are the
 * environment's; fields are camelCase. Importing this must not load Bolt or SQLite: the
 * command line answers cold.
 */
import type { LogLevel } from "@slack/logger";
import { z } from "zod";
import { CATALOG_HINTS, catalogSettingsSchema } from "../catalog/catalog-settings.js";
import { isTimeZone, parseSchedule, type Schedule } from "../digest/schedule.js";
import { SLACK_USER_ID } from "../text/slack-ids.js";
import { parseSettings, SettingsError } from "./env.js";

export { loadDotEnv, SettingsError } from "./env.js";

export const DEFAULT_SLACK_API_URL = "https://slack.com/api/";
export const DEFAULT_PORT = 3000;
export const DEFAULT_DATABASE_PATH = "./data/scenario-bot.db";
export const DEFAULT_RETENTION_DAYS = 90;
export const DEFAULT_DIGEST_SCHEDULE = "mon 09:00";
const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;

/** Where each variable comes from, appended to start-up errors. Paths are Slack's app config pages. */
export const SETTING_HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN:
    "OAuth & Permissions → OAuth Tokens → Bot User OAuth Token (xoxb-…), shown once the app is installed to the workspace; or, to install it in many workspaces, leave it unset and set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET",
  SLACK_SIGNING_SECRET:
    "Basic Information → App Credentials → Signing Secret (needed in HTTP mode, that is when SLACK_APP_TOKEN is unset)",
  SLACK_APP_TOKEN:
    "Basic Information → App-Level Tokens → Generate Token and Scopes, with the connections:write scope (xapp-…); set it only for Socket Mode",
  SLACK_CLIENT_ID:
    "Basic Information → App Credentials → Client ID (digits.digits); with SLACK_CLIENT_SECRET and SLACK_STATE_SECRET, and no SLACK_BOT_TOKEN, the app installs in many workspaces",
  SLACK_CLIENT_SECRET:
    "Basic Information → App Credentials → Client Secret (32 hex characters); needed with SLACK_CLIENT_ID",
  SLACK_STATE_SECRET:
    "any secret of at least 16 characters that signs the install flow's state, the same on every instance; make one with `openssl rand -hex 32`",
  INSTALLATION_ENCRYPTION_KEY:
    "32 random bytes in base64 that encrypt each workspace's bot token in the database (AES-256-GCM), the same on every instance and kept secret; make one with `openssl rand -base64 32`",
  INSTALLATION_ENCRYPTION_KEY_PREVIOUS:
    "when rotating INSTALLATION_ENCRYPTION_KEY, the key it replaces (32 bytes in base64): installations sealed with it are still read, and re-sealed with the new key",
  PORT: `the TCP port HTTP mode listens on (default ${DEFAULT_PORT})`,
  HEALTH_PORT: `the TCP port of GET /healthz in Socket Mode (default PORT, else ${DEFAULT_PORT})`,
  HOST: "the interface address the HTTP server and the health port listen on (default all interfaces); 127.0.0.1 for this machine only",
  METRICS: "true (default) or false, to turn GET /metrics off",
  LOG_LEVEL: "one of debug, info, warn, error (default info)",
  SLACK_API_URL: `the Slack Web API base URL; leave unset for ${DEFAULT_SLACK_API_URL}`,
  ...CATALOG_HINTS,
  ADMIN_USER_IDS:
    "comma-separated Slack user ids (U…) allowed to run /scenario stats; a user's id is under their profile → ⋮ → Copy member ID",
  RECORD_QUESTIONS: "true (default) or false, to turn question recording off",
  RETENTION_DAYS: `days to keep recorded questions and feedback (default ${DEFAULT_RETENTION_DAYS})`,
  RECORD_GROUP_COMMIT_MS:
    "0 (default: the answers of each event-loop turn committed together as it ends) or up to 1000: commit the answers of that many milliseconds together, which a crash of the process can lose",
  DATABASE_PATH: `the SQLite file for recorded questions (default ${DEFAULT_DATABASE_PATH})`,
  DATABASE_URL:
    "a PostgreSQL URL, postgres://USER:PASSWORD@HOST:5432/DATABASE; when set, records, event de-duplication and installations go there instead of DATABASE_PATH",
  DIGEST_CHANNEL:
    "the channel id (C…, from the channel's details → About, at the bottom) the weekly digest is posted to, with the app invited there; installed in many workspaces, each workspace's as TEAM:CHANNEL pairs, T…:C…,T…:C…",
  DIGEST_SCHEDULE: `when the weekly digest is posted, a weekday and a 24-hour time such as "${DEFAULT_DIGEST_SCHEDULE}" (the default), in DIGEST_TZ`,
  DIGEST_TZ:
    "the IANA time zone of DIGEST_SCHEDULE, such as Europe/Paris or America/New_York (default UTC)",
};

/** 32 bytes in base64, not all one byte (such as a key of zeros). */
const encryptionKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64 (openssl rand -base64 32)")
  .refine(
    (key) => new Set(Buffer.from(key, "base64")).size > 1,
    "is a weak key (every byte the same): make one with `openssl rand -base64 32`",
  );

const flag = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"], {
    error: "must be true or false",
  })
  .transform((value) => ["true", "1", "yes", "on"].includes(value));

/** Settings the command line and the app share: the cards, the docs, recording. */
const settingsSchema = catalogSettingsSchema.extend({
  RECORD_QUESTIONS: flag.default(true),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1, "must be at least 1 day")
    .default(DEFAULT_RETENTION_DAYS),
  RECORD_GROUP_COMMIT_MS: z.coerce
    .number()
    .int()
    .min(0, "must be 0 or more milliseconds")
    .max(1000, "must be at most 1000 milliseconds")
    .default(0),
  DATABASE_PATH: z.string().min(1).default(DEFAULT_DATABASE_PATH),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must be a postgres:// or postgresql:// URL")
    .optional(),
});

/** Set together, without SLACK_BOT_TOKEN, they select installation in many workspaces. */
const OAUTH_VARIABLES = ["SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET"] as const;
const port = z.coerce
  .number({ error: "must be a port number" })
  .int({ error: "must be a port number" })
  .min(0, { error: "must be a port number" })
  .max(65535, { error: "must be a port number" });

const appSettingsSchema = settingsSchema
  .extend({
    ADMIN_USER_IDS: z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== ""),
      )
      .pipe(z.array(z.string().regex(SLACK_USER_ID, "must list Slack user ids such as U012AB3CD")))
      .default([]),
    SLACK_BOT_TOKEN: z
      .string()
      .startsWith("xoxb-", "must be a bot token starting with xoxb-")
      .optional(),
    SLACK_CLIENT_ID: z
      .string()
      .regex(/^\d+\.\d+$/, "must be the Client ID, digits.digits")
      .optional(),
    SLACK_CLIENT_SECRET: z
      .string()
      .regex(/^[0-9a-f]{32}$/i, "must be the 32-character hex Client Secret")
      .optional(),
    SLACK_STATE_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    INSTALLATION_ENCRYPTION_KEY: encryptionKey.optional(),
    INSTALLATION_ENCRYPTION_KEY_PREVIOUS: encryptionKey.optional(),
    SLACK_APP_TOKEN: z
      .string()
      .startsWith("xapp-", "must be an app-level token starting with xapp-")
      .optional(),
    SLACK_SIGNING_SECRET: z
      .string()
      .regex(/^[0-9a-f]{32,}$/i, "must be the 32-character hex Signing Secret")
      .optional(),
    PORT: port.default(DEFAULT_PORT),
    HEALTH_PORT: port.optional(),
    HOST: z.string().min(1).optional(),
    METRICS: flag.default(true),
    // Bolt's LogLevel values are these strings; the enum itself is not imported (it loads Bolt).
    LOG_LEVEL: z
      .enum(LOG_LEVELS)
      .default("info")
      .transform((level) => level as LogLevel),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .default(DEFAULT_SLACK_API_URL),
    DIGEST_CHANNEL: z
      .string()
      .transform((list, ctx) => {
        const targets = list
          .split(",")
          .map((item) => item.trim())
          .filter((item) => item !== "")
          .map((item) => DIGEST_TARGET.exec(item));
        if (targets.length === 0 || targets.some((t) => t === null)) {
          ctx.addIssue({ code: "custom", message: "must be a channel id (C…) or T…:C… pairs" });
          return z.NEVER;
        }
        return targets.map((t) => ({
          ...(t?.[1] !== undefined && { workspaceId: t[1] }),
          channel: t?.[2] as string,
        }));
      })
      .optional(),
    DIGEST_SCHEDULE: z
      .string()
      .transform((text, ctx) => {
        try {
          return parseSchedule(text);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      })
      .default(parseSchedule(DEFAULT_DIGEST_SCHEDULE)),
    DIGEST_TZ: z
      .string()
      .refine(isTimeZone, "must be an IANA time zone such as Europe/Paris")
      .default("UTC"),
  })
  // One workspace's digest goes to one channel; many workspaces' each to its own.
  .refine(
    (env) => {
      const targets = env.DIGEST_CHANNEL;
      if (targets === undefined) return true;
      const many = env.SLACK_BOT_TOKEN === undefined;
      return many
        ? targets.every((t) => t.workspaceId !== undefined)
        : targets.length === 1 && targets[0]?.workspaceId === undefined;
    },
    {
      path: ["DIGEST_CHANNEL"],
      message:
        "one workspace (SLACK_BOT_TOKEN) takes one channel id; many workspaces take T…:C… pairs",
    },
  )
  .refine((env) => env.DIGEST_CHANNEL === undefined || env.RECORD_QUESTIONS, {
    path: ["DIGEST_CHANNEL"],
    message: "the digest reads the records: it needs RECORD_QUESTIONS on",
  })
  // `when` makes this run even if another variable failed, so one run reports every problem.
  .refine((env) => env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined, {
    path: ["SLACK_SIGNING_SECRET"],
    message: "required in HTTP mode",
    when: () => true,
  })
  // One workspace with a bot token, or many through OAuth: whichever is chosen must be complete.
  .superRefine(
    (env, ctx) => {
      if (env.SLACK_BOT_TOKEN !== undefined) return;
      const oauth = OAUTH_VARIABLES.filter((name) => env[name] !== undefined);
      const needed =
        oauth.length === 0
          ? (["SLACK_BOT_TOKEN"] as const)
          : ([...OAUTH_VARIABLES, "INSTALLATION_ENCRYPTION_KEY"] as const);
      for (const name of needed) {
        if (env[name] === undefined) ctx.addIssue({ code: "custom", path: [name], message: "" });
      }
    },
    { when: () => true },
  );

/** A channel id (C…, or G… for an older private channel), after an optional `T…:`. */
const DIGEST_TARGET = /^(?:([TE][A-Z0-9]{6,}):)?([CG][A-Z0-9]{6,})$/;

/** Where a workspace's weekly digest goes; `workspaceId` undefined: the one workspace's. */
export interface DigestTarget {
  workspaceId?: string;
  channel: string;
}

/** The weekly digest (DIGEST_CHANNEL, DIGEST_SCHEDULE, DIGEST_TZ). */
export interface DigestSettings {
  targets: DigestTarget[];
  schedule: Schedule;
}

/** Question recording (see docs/reliability.md, "What is recorded"). */
export interface RecordingSettings {
  /** RECORD_QUESTIONS, default true. */
  enabled: boolean;
  /** RETENTION_DAYS, default 90. */
  retentionDays: number;
  /**
   * RECORD_GROUP_COMMIT_MS; 0 or absent (the default): the answers of each event-loop turn
   * committed together as it ends. More: the answers of that many ms committed together
   * (docs/reliability.md, the crash window).
   */
  groupCommitMs?: number;
  /** DATABASE_PATH, default ./data/scenario-bot.db; ":memory:" for none on disk. */
  databasePath: string;
  /** DATABASE_URL: PostgreSQL instead of the SQLite file, when set. */
  databaseUrl?: string;
}

/** What the command line and the app share. */
export interface Settings {
  /** SCENARIOS_DIR, default the bundled scenarios/. */
  scenariosDir: string;
  /** DOCS_BASE_URL, default https://auth0.com/docs. */
  docsBaseUrl: string;
  recording: RecordingSettings;
}

/** Socket Mode when an app-level token is set (development); otherwise HTTP on PORT. */
export type Connection =
  | { mode: "socket"; appToken: string; healthPort: number }
  | { mode: "http"; signingSecret: string; port: number };

/**
 * Installation in many workspaces through Slack's OAuth v2 flow (/slack/install): each
 * workspace's token is kept, encrypted, in the database.
 */
export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** INSTALLATION_ENCRYPTION_KEY, 32 bytes. */
  encryptionKey: Buffer;
  /** INSTALLATION_ENCRYPTION_KEY_PREVIOUS, read only (rotation); undefined when unset. */
  previousEncryptionKey?: Buffer;
  /** Socket Mode only: the port (PORT) /slack/install is served on. */
  installPort: number;
}

/** The Slack app's settings: the shared ones and Slack's. */
export interface AppSettings extends Settings {
  /** SLACK_BOT_TOKEN: one workspace. Undefined in OAuth mode (`oauth`). */
  botToken: string | undefined;
  /** Many workspaces, when SLACK_CLIENT_ID and the rest are set and SLACK_BOT_TOKEN is not. */
  oauth?: OAuthSettings;
  connection: Connection;
  logLevel: LogLevel;
  /** HOST: the interface to listen on; undefined for all. */
  host?: string;
  /** METRICS: serve GET /metrics (default true). */
  metrics: boolean;
  slackApiUrl: string;
  /** ADMIN_USER_IDS: who may see the stats. Default nobody. */
  adminUserIds: string[];
  /** The weekly digest, when DIGEST_CHANNEL is set. */
  digest?: DigestSettings;
}

function shared(s: z.infer<typeof settingsSchema>): Settings {
  return {
    scenariosDir: s.SCENARIOS_DIR,
    docsBaseUrl: s.DOCS_BASE_URL,
    recording: {
      enabled: s.RECORD_QUESTIONS,
      retentionDays: s.RETENTION_DAYS,
      groupCommitMs: s.RECORD_GROUP_COMMIT_MS,
      databasePath: s.DATABASE_PATH,
      ...(s.DATABASE_URL !== undefined && { databaseUrl: s.DATABASE_URL }),
    },
  };
}

/** The command line's settings; throws SettingsError naming each bad variable (never its value). */
export function loadSettings(env: NodeJS.ProcessEnv): Settings {
  return shared(parseSettings(settingsSchema, env, SETTING_HINTS));
}

/** The Slack app's settings; throws SettingsError naming each bad variable (never its value). */
export function loadAppSettings(env: NodeJS.ProcessEnv): AppSettings {
  const s = parseSettings(appSettingsSchema, env, SETTING_HINTS);
  let connection: Connection;
  if (s.SLACK_APP_TOKEN !== undefined) {
    connection = {
      mode: "socket",
      appToken: s.SLACK_APP_TOKEN,
      healthPort: s.HEALTH_PORT ?? s.PORT,
    };
  } else if (s.SLACK_SIGNING_SECRET !== undefined) {
    connection = { mode: "http", signingSecret: s.SLACK_SIGNING_SECRET, port: s.PORT };
  } else {
    throw new Error("unreachable: the schema requires SLACK_APP_TOKEN or SLACK_SIGNING_SECRET");
  }
  const oauth =
    s.SLACK_BOT_TOKEN === undefined
      ? {
          clientId: s.SLACK_CLIENT_ID as string,
          clientSecret: s.SLACK_CLIENT_SECRET as string,
          stateSecret: s.SLACK_STATE_SECRET as string,
          encryptionKey: Buffer.from(s.INSTALLATION_ENCRYPTION_KEY as string, "base64"),
          ...(s.INSTALLATION_ENCRYPTION_KEY_PREVIOUS !== undefined && {
            previousEncryptionKey: Buffer.from(s.INSTALLATION_ENCRYPTION_KEY_PREVIOUS, "base64"),
          }),
          installPort: s.PORT,
        }
      : undefined;
  // In Socket Mode, Bolt serves the install pages on PORT: the health check needs another.
  if (oauth && connection.mode === "socket" && connection.healthPort === s.PORT && s.PORT !== 0) {
    throw new SettingsError(
      "HEALTH_PORT must differ from PORT in Socket Mode when installing in many workspaces: PORT serves /slack/install",
    );
  }
  return {
    ...shared(s),
    botToken: s.SLACK_BOT_TOKEN,
    ...(oauth && { oauth }),
    connection,
    logLevel: s.LOG_LEVEL,
    ...(s.HOST !== undefined && { host: s.HOST }),
    metrics: s.METRICS,
    slackApiUrl: s.SLACK_API_URL,
    adminUserIds: s.ADMIN_USER_IDS,
    ...(s.DIGEST_CHANNEL !== undefined && {
      digest: {
        targets: s.DIGEST_CHANNEL,
        schedule: { ...s.DIGEST_SCHEDULE, timeZone: s.DIGEST_TZ },
      },
    }),
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
