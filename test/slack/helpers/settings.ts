import { DEFAULT_SCENARIOS_DIR } from "../../../src/catalog/catalog-settings.js";
import type { AppSettings } from "../../../src/config/settings.js";
import { SIGNING_SECRET } from "./signed.js";

/** HTTP-mode settings on an ephemeral port, talking to the fake Slack at `slackApiUrl`. */
export function testSettings(
  slackApiUrl: string,
  overrides: Partial<AppSettings> = {},
): AppSettings {
  return {
    botToken: "xoxb-test-token",
    connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 },
    logLevel: "debug" as AppSettings["logLevel"],
    slackApiUrl,
    scenariosDir: DEFAULT_SCENARIOS_DIR,
    docsBaseUrl: "https://auth0.com/docs",
    recording: { enabled: false, retentionDays: 90, databasePath: ":memory:" },
    adminUserIds: [],
    metrics: true,
    ...overrides,
  };
}
