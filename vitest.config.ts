import { existsSync } from "node:fs";
import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit`: everything that runs in this process, in well under a second a file, with
 * no set-up (`npm run test:unit`, `npm run test:watch`). `integration`: the tests that spawn the
 * build (`dist`), start servers, the Slack receiver, PostgreSQL or Chromium; only they pay for the
 * global setup (the build and a PostgreSQL server, once a run). `npm test` runs both.
 */
const INTEGRATION = [
  // Spawn the build (dist): the bin, `npm start`, a child killed mid-write.
  "test/cli/bin.test.ts",
  "test/matching/natural-import.test.ts",
  "test/store/recorder-crash.test.ts",
  "test/slack/main.test.ts",
  "test/slack/instances.test.ts",
  "test/playground/playground.test.ts",
  // Chromium.
  "test/playground/browser.test.ts",
  // git and a script in a child process, on a repository made for the test.
  "test/catalog/docs-paths.test.ts",
  // The Slack app on its HTTP receiver, against the fake Slack Web API.
  "test/slack/app.test.ts",
  "test/slack/clients.test.ts",
  "test/slack/dedup-off.test.ts",
  "test/slack/digest.test.ts",
  "test/slack/oauth.test.ts",
  "test/slack/postgres-health.test.ts",
  "test/slack/recording.test.ts",
  "test/slack/requests.test.ts",
  "test/slack/shortcut.test.ts",
  "test/slack/telemetry.test.ts",
  "test/slack/socket-health.test.ts",
  // PostgreSQL.
  "test/cli/postgres.test.ts",
  "test/store/event-log-off.test.ts",
  "test/store/installation-lookup.test.ts",
  "test/store/installations.test.ts",
  "test/store/postgres-recorder.test.ts",
  "test/store/report.test.ts",
  "test/store/stats.test.ts",
];

// A file moved or renamed would silently fall into `unit`: name it here again.
const missing = INTEGRATION.filter((file) => !existsSync(new URL(file, import.meta.url)));
if (missing.length > 0)
  throw new Error(`vitest.config.ts: no such test file: ${missing.join(", ")}`);

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: INTEGRATION },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: INTEGRATION,
          globalSetup: ["test/global-setup.ts"],
        },
      },
    ],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reportsDirectory: "coverage",
    },
  },
});
