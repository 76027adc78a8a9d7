import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { createApp, type ScenarioApp } from "../../src/slack/app.js";
import { createRecorder } from "../../src/store/open-store.js";
import { tempDir } from "../helpers/tmp.js";
import { FakeSlack } from "./helpers/fake-slack.js";
import { MemoryLogger } from "./helpers/logger.js";
import { testSettings } from "./helpers/settings.js";
import { eventBody, postSigned } from "./helpers/signed.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const slack = new FakeSlack();
const dir = tempDir("advisor-dedup");
const recording = { enabled: false, retentionDays: 90, databasePath: path.join(dir, "shared.db") };
const apps: Array<{ app: ScenarioApp; base: string }> = [];

beforeAll(async () => {
  await slack.start();
  for (let i = 0; i < 2; i++) {
    const logger = new MemoryLogger();
    const app = createApp({
      settings: testSettings(slack.apiUrl, { recording }),
      catalog,
      logger,
      recorder: createRecorder(recording, logger),
    });
    const { port } = await app.start("127.0.0.1");
    apps.push({ app, base: `http://127.0.0.1:${port}` });
  }
});

afterAll(async () => {
  for (const { app } of apps) await app.stop();
  await slack.close();
});

it("answers a retried event once across two instances, with RECORD_QUESTIONS=false", async () => {
  const event = { type: "message", channel_type: "im", channel: "D1", user: "U3", ts: "1.000001" };
  const body = eventBody({ ...event, text: "mobile app calling our api" }, "EvOffRetry");
  const retry = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
  const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]];
  expect((await postSigned(`${a.base}/slack/events`, "json", body)).status).toBe(200);
  await a.app.idle();
  const second = await postSigned(`${b.base}/slack/events`, "json", body, { headers: retry });
  expect(second.status).toBe(200);
  await b.app.idle();
  expect(slack.callsTo("chat.postMessage")).toHaveLength(1);

  // Nothing of the question is kept: only the event id.
  const db = new Database(recording.databasePath, { readonly: true });
  try {
    expect(db.prepare("SELECT COUNT(*) FROM answers").pluck().get()).toBe(0);
    expect(db.prepare("SELECT event_id FROM seen_events").pluck().all()).toEqual(["EvOffRetry"]);
  } finally {
    db.close();
  }
});
