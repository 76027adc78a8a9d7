import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import {
  loadAppSettings,
  loadSettings,
  SETTING_HINTS,
  SettingsError,
} from "../../src/config/settings.js";

const BOT = "xoxb-1-2-abc";
const SECRET = "0123456789abcdef0123456789abcdef";

function errorOf(env: NodeJS.ProcessEnv): string {
  try {
    loadAppSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error("expected a SettingsError");
}

const DEFAULTS = {
  scenariosDir: DEFAULT_SCENARIOS_DIR,
  docsBaseUrl: "https://auth0.com/docs",
  recording: {
    enabled: true,
    retentionDays: 90,
    groupCommitMs: 0,
    databasePath: "./data/scenario-bot.db",
  },
};

describe("loadSettings (the command line)", () => {
  it("needs no Slack variable, and has camelCase fields with documented defaults", () => {
    expect(loadSettings({})).toEqual(DEFAULTS);
  });

  it("reads the shared variables, and names a malformed one", () => {
    expect(
      loadSettings({ DOCS_BASE_URL: "https://docs.example.com", RECORD_QUESTIONS: "off" }),
    ).toMatchObject({
      docsBaseUrl: "https://docs.example.com",
      recording: { enabled: false },
    });
    expect(() => loadSettings({ RETENTION_DAYS: "0" })).toThrow(/RETENTION_DAYS is malformed/);
  });

  it("reads RECORD_GROUP_COMMIT_MS, 0 to 1000 whole milliseconds, and names a bad one", () => {
    expect(loadSettings({ RECORD_GROUP_COMMIT_MS: "5" }).recording.groupCommitMs).toBe(5);
    for (const bad of ["-1", "1001", "2.5", "soon"]) {
      expect(() => loadSettings({ RECORD_GROUP_COMMIT_MS: bad })).toThrow(
        /RECORD_GROUP_COMMIT_MS is malformed/,
      );
    }
  });
});

describe("loadAppSettings (the Slack app)", () => {
  it("HTTP mode with defaults: the shared settings and Slack's", () => {
    expect(loadAppSettings({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({
      ...DEFAULTS,
      botToken: BOT,
      connection: { mode: "http", signingSecret: SECRET, port: 3000 },
      logLevel: "info",
      metrics: true,
      slackApiUrl: "https://slack.com/api/",
      adminUserIds: [],
    });
  });

  it("Socket Mode when SLACK_APP_TOKEN is set; no signing secret needed", () => {
    const settings = loadAppSettings({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "xapp-1-A-xyz" });
    expect(settings.connection).toEqual({
      mode: "socket",
      appToken: "xapp-1-A-xyz",
      healthPort: 3000,
    });
  });

  it("Socket Mode serves /healthz on HEALTH_PORT, else PORT", () => {
    const socket = { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: "xapp-1-A-xyz" };
    const healthPort = (env: NodeJS.ProcessEnv) =>
      (loadAppSettings({ ...socket, ...env }).connection as { healthPort: number }).healthPort;
    expect(healthPort({ PORT: "8080" })).toBe(8080);
    expect(healthPort({ PORT: "8080", HEALTH_PORT: "9090" })).toBe(9090);
    expect(() => healthPort({ HEALTH_PORT: "http" })).toThrow(
      /HEALTH_PORT is malformed \(must be a port number\)/,
    );
  });

  it("reads every variable", () => {
    const settings = loadAppSettings({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: "8080",
      LOG_LEVEL: "debug",
      SLACK_API_URL: "http://127.0.0.1:9/api/",
      SCENARIOS_DIR: "/cards",
      DOCS_BASE_URL: "https://docs.example.com",
      RECORD_QUESTIONS: "false",
      RETENTION_DAYS: "30",
      DATABASE_PATH: "/var/lib/advisor.db",
      ADMIN_USER_IDS: "U012AB3CD, W0ABC",
    });
    expect(settings).toMatchObject({
      connection: { port: 8080 },
      logLevel: "debug",
      slackApiUrl: "http://127.0.0.1:9/api/",
      scenariosDir: "/cards",
      docsBaseUrl: "https://docs.example.com",
      recording: { enabled: false, retentionDays: 30, databasePath: "/var/lib/advisor.db" },
      adminUserIds: ["U012AB3CD", "W0ABC"],
    });
  });

  it("names every missing variable and where to find it in Slack's app config", () => {
    const message = errorOf({});
    expect(message).toContain(
      "SLACK_BOT_TOKEN is missing: OAuth & Permissions → OAuth Tokens → Bot User OAuth Token",
    );
    expect(message).toContain(
      "SLACK_SIGNING_SECRET is missing: Basic Information → App Credentials → Signing Secret",
    );
  });

  it("names malformed variables without printing their values", () => {
    const env = {
      SLACK_BOT_TOKEN: "xoxp-user-token-SECRET1",
      SLACK_SIGNING_SECRET: "not-hex-SECRET2",
      SLACK_APP_TOKEN: "xoxb-wrong-SECRET3",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      SLACK_API_URL: "ftp://x",
    };
    const message = errorOf(env);
    for (const name of Object.keys(env)) expect(message).toContain(`${name} is malformed`);
    expect(message).toContain("must be a bot token starting with xoxb-");
    expect(message).not.toMatch(/SECRET\d|eighty|loud|ftp:/);
  });
});

describe("installation in many workspaces (OAuth) and PostgreSQL", () => {
  const KEY_BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  const KEY = KEY_BYTES.toString("base64");
  const OAUTH = {
    SLACK_CLIENT_ID: "1234567890.0987654321",
    SLACK_CLIENT_SECRET: "abcdef0123456789abcdef0123456789",
    SLACK_STATE_SECRET: "state-secret-of-some-length",
    SLACK_SIGNING_SECRET: SECRET,
  };

  it("OAuth mode when the client id, secret and state secret are set, and no bot token", () => {
    const settings = loadAppSettings({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: KEY });
    expect(settings.botToken).toBeUndefined();
    expect(settings.oauth).toEqual({
      clientId: OAUTH.SLACK_CLIENT_ID,
      clientSecret: OAUTH.SLACK_CLIENT_SECRET,
      stateSecret: OAUTH.SLACK_STATE_SECRET,
      encryptionKey: KEY_BYTES,
      installPort: 3000,
    });
  });

  it("in Socket Mode, serves the install pages on PORT and wants /healthz on another port", () => {
    const socket = { ...OAUTH, INSTALLATION_ENCRYPTION_KEY: KEY, SLACK_APP_TOKEN: "xapp-1-A-xyz" };
    expect(() => loadAppSettings(socket)).toThrow(/HEALTH_PORT must differ from PORT/);
    const settings = loadAppSettings({ ...socket, PORT: "3000", HEALTH_PORT: "3001" });
    expect(settings.oauth?.installPort).toBe(3000);
    expect(settings.connection).toMatchObject({ mode: "socket", healthPort: 3001 });
  });

  it("stays in single-workspace mode whenever SLACK_BOT_TOKEN is set", () => {
    const settings = loadAppSettings({ ...OAUTH, SLACK_BOT_TOKEN: BOT });
    expect(settings.botToken).toBe(BOT);
    expect(settings.oauth).toBeUndefined();
  });

  it("refuses to start in OAuth mode without INSTALLATION_ENCRYPTION_KEY, saying how to make one", () => {
    const message = errorOf(OAUTH);
    expect(message).toContain("INSTALLATION_ENCRYPTION_KEY is missing:");
    expect(message).toContain("openssl rand -base64 32");
    expect(message).not.toContain("SLACK_BOT_TOKEN");
  });

  it("refuses a weak key (every byte the same), and reads a previous key for rotation", () => {
    for (const byte of [0, 7]) {
      const weak = Buffer.alloc(32, byte).toString("base64");
      const message = errorOf({ ...OAUTH, INSTALLATION_ENCRYPTION_KEY: weak });
      expect(message).toContain("INSTALLATION_ENCRYPTION_KEY is malformed (is a weak key");
      expect(message).not.toContain(weak);
      expect(
        errorOf({
          ...OAUTH,
          INSTALLATION_ENCRYPTION_KEY: KEY,
          INSTALLATION_ENCRYPTION_KEY_PREVIOUS: weak,
        }),
      ).toContain("INSTALLATION_ENCRYPTION_KEY_PREVIOUS is malformed (is a weak key");
    }
    const previous = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i));
    const settings = loadAppSettings({
      ...OAUTH,
      INSTALLATION_ENCRYPTION_KEY: KEY,
      INSTALLATION_ENCRYPTION_KEY_PREVIOUS: previous.toString("base64"),
    });
    expect(settings.oauth?.previousEncryptionKey).toEqual(previous);
  });

  it("names what an incomplete OAuth set lacks, and a malformed key without its value", () => {
    const message = errorOf({
      SLACK_CLIENT_ID: OAUTH.SLACK_CLIENT_ID,
      SLACK_SIGNING_SECRET: SECRET,
      INSTALLATION_ENCRYPTION_KEY: "c2hvcnQ=LEAKME",
    });
    expect(message).toContain(
      "SLACK_CLIENT_SECRET is missing: Basic Information → App Credentials",
    );
    expect(message).toContain("SLACK_STATE_SECRET is missing:");
    expect(message).toContain(
      "INSTALLATION_ENCRYPTION_KEY is malformed (must be 32 bytes in base64",
    );
    expect(message).not.toContain("LEAKME");
  });

  it("DATABASE_URL selects PostgreSQL, for the command line and the app; other URLs are refused", () => {
    const url = "postgres://advisor:pw@db.internal:5432/advisor";
    expect(loadSettings({ DATABASE_URL: url }).recording).toEqual({
      ...DEFAULTS.recording,
      databaseUrl: url,
    });
    expect(() => loadSettings({ DATABASE_URL: "mysql://u:SECRETPW@h/db" })).toThrow(
      /^DATABASE_URL is malformed \(must be a postgres:\/\/ or postgresql:\/\/ URL\): a PostgreSQL URL/,
    );
    try {
      loadSettings({ DATABASE_URL: "mysql://u:SECRETPW@h/db" });
    } catch (error) {
      expect((error as Error).message).not.toContain("SECRETPW");
    }
  });
});

describe("the weekly digest's settings", () => {
  const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };

  it("is off without DIGEST_CHANNEL; Monday 09:00 UTC by default", () => {
    expect(loadAppSettings(base).digest).toBeUndefined();
    expect(loadAppSettings({ ...base, DIGEST_CHANNEL: "C0123ABCD" }).digest).toEqual({
      targets: [{ channel: "C0123ABCD" }],
      schedule: { weekday: "mon", hour: 9, minute: 0, timeZone: "UTC" },
    });
  });

  it("reads a schedule in a time zone, and per-workspace channels when installed in many", () => {
    expect(
      loadAppSettings({
        ...base,
        DIGEST_CHANNEL: "C0123ABCD",
        DIGEST_SCHEDULE: "Friday 16:30",
        DIGEST_TZ: "Europe/Paris",
      }).digest?.schedule,
    ).toEqual({ weekday: "fri", hour: 16, minute: 30, timeZone: "Europe/Paris" });
    const many = {
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET: SECRET,
      SLACK_STATE_SECRET: "a-state-secret-for-the-tests",
      INSTALLATION_ENCRYPTION_KEY: Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString(
        "base64",
      ),
      SLACK_SIGNING_SECRET: SECRET,
    };
    expect(
      loadAppSettings({ ...many, DIGEST_CHANNEL: "T0000011:C0000111, T0000022:C0000222" }).digest
        ?.targets,
    ).toEqual([
      { workspaceId: "T0000011", channel: "C0000111" },
      { workspaceId: "T0000022", channel: "C0000222" },
    ]);
    expect(errorOf({ ...many, DIGEST_CHANNEL: "C0000111" })).toMatch(
      /^DIGEST_CHANNEL is malformed \(one workspace .* many workspaces take T…:C… pairs\)/,
    );
  });

  it("names each malformed digest variable, and what it should be", () => {
    const message = errorOf({
      ...base,
      DIGEST_CHANNEL: "#general",
      DIGEST_SCHEDULE: "mondays at nine",
      DIGEST_TZ: "Mars/Olympus",
    });
    expect(message).toContain(
      "DIGEST_CHANNEL is malformed (must be a channel id (C…) or T…:C… pairs)",
    );
    expect(message).toContain(
      'DIGEST_SCHEDULE is malformed (must be a weekday and a 24-hour time, such as "mon 09:00")',
    );
    expect(message).toContain(
      "DIGEST_TZ is malformed (must be an IANA time zone such as Europe/Paris)",
    );
    expect(errorOf({ ...base, DIGEST_CHANNEL: "C0123ABCD", RECORD_QUESTIONS: "false" })).toContain(
      "DIGEST_CHANNEL is malformed (the digest reads the records: it needs RECORD_QUESTIONS on)",
    );
  });
});

describe("documentation of the settings", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const example = readFileSync(path.join(root, ".env.example"), "utf8");
  // The settings reference: one row per variable.
  const reference = readFileSync(path.join(root, "docs/deployment.md"), "utf8");

  it.each(Object.keys(SETTING_HINTS))("%s is in .env.example and docs/deployment.md", (name) => {
    expect(example).toMatch(new RegExp(`^${name}=$`, "m"));
    expect(reference).toMatch(new RegExp(`^\\| \`${name}\` +\\|`, "m"));
  });

  it(".env.example as shipped (all empty) names what is missing", () => {
    expect(() => loadAppSettings(parseEnv(example))).toThrow(/SLACK_BOT_TOKEN is missing/);
  });
});
