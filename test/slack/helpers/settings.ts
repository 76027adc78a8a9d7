import { DEFAULT_SCENARIOS_DIR } from "../../../src/catalog/settings.js";
import type { SlackSettings } from "../../../src/slack/config.js";
import { SIGNING_SECRET } from "./signed.js";

/** HTTP-mode settings on an ephemeral port, talking to the fake Slack at `slackApiUrl`. */
export function testSettings(
  slackApiUrl: string,
  overrides: Partial<SlackSettings> = {},
): SlackSettings {
  return {
    botToken: "xoxb-test-token",
    connection: { mode: "http", signingSecret: SIGNING_SECRET, port: 0 },
    logLevel: "debug" as SlackSettings["logLevel"],
    slackApiUrl,
    scenariosDir: DEFAULT_SCENARIOS_DIR,
    docsBaseUrl: "https://auth0.com/docs",
    recording: { RECORD_QUESTIONS: false, RETENTION_DAYS: 90, DATABASE_PATH: ":memory:" },
    adminUserIds: [],
    ...overrides,
  };
}
