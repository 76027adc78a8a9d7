/**
 * What the app does with requests it has no use for, through the real receiver on loopback:
 * bodies that are not a JSON object, timestamps from the future, payloads no listener handles.
 * Each is refused or acknowledged, and the app keeps serving.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/settings.js";
import { createApp, type ScenarioApp } from "../../src/slack/app.js";
import { FakeSlack } from "./helpers/fake-slack.js";
import { MemoryLogger } from "./helpers/logger.js";
import { testSettings } from "./helpers/settings.js";
import { postSigned, slashCommandBody } from "./helpers/signed.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const slack = new FakeSlack();
const logger = new MemoryLogger();
let app: ScenarioApp;
let base: string;

beforeAll(async () => {
  await slack.start();
  app = createApp({ settings: testSettings(slack.apiUrl), catalog, logger });
  const { port } = await app.start("127.0.0.1");
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await app?.stop();
  await slack.close();
});

afterEach(() => {
  slack.reset();
  logger.lines.length = 0;
});

const eventsUrl = () => `${base}/slack/events`;
const QUESTION = "our flutter mobile app calls our own API";

/** A signed request; resolves once the app has finished with it. */
async function post(kind: "json" | "form", body: string, options = {}) {
  const res = await postSigned(eventsUrl(), kind, body, options);
  await app.idle();
  return res;
}

/** The app still answers: a /scenario gets its answer. */
async function stillServing(): Promise<void> {
  const res = await post("form", slashCommandBody(QUESTION, slack.responseUrl("after")));
  expect(res.status).toBe(200);
  expect(JSON.stringify(await res.json())).toContain("Mobile");
}

describe("bodies that are not a JSON object", () => {
  it.each([
    ["JSON null", "json", "null"],
    ["a form with payload=null", "form", "payload=null"],
    ["a JSON array", "json", "[]"],
    ["a JSON string", "json", '"event_callback"'],
    ["a JSON number", "json", "1"],
    ["a form whose payload is a number", "form", "payload=1"],
  ] as const)("%s, correctly signed: 400, and the app keeps serving", async (_what, kind, body) => {
    const res = await post(kind, body);
    expect(res.status).toBe(400);
    expect(logger.all()).toContain("Refused a request: the body is not a JSON object");
    await stillServing();
  });

  it("JSON null with a bad signature: 401, as any unsigned request", async () => {
    const res = await post("json", "null", { secret: "f".repeat(32) });
    expect(res.status).toBe(401);
    await stillServing();
  });
});

describe("request timestamps", () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ["10 minutes", 10 * 60],
    ["a year", 365 * 24 * 60 * 60],
  ])("%s in the future: 401 and nothing runs, even correctly signed", async (_what, ahead) => {
    const res = await post("form", slashCommandBody(QUESTION, slack.responseUrl("x")), {
      timestamp: now() + ahead,
    });
    expect(res.status).toBe(401);
    expect(logger.all()).toContain("Refused a request: its timestamp is more than 5 minutes ahead");
    await stillServing();
  });

  it("within 5 minutes either way: answered", async () => {
    for (const offset of [-4 * 60, 4 * 60]) {
      const res = await post("form", slashCommandBody(QUESTION, slack.responseUrl("x")), {
        timestamp: now() + offset,
      });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain("Mobile");
    }
  });
});
