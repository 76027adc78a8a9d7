/**
 * /healthz in Socket Mode tells the truth about the WebSocket to Slack: 503 "disconnected" from
 * start until Slack's hello, 200 "connected" while connected, 503 again after the socket drops
 * and while Slack cannot be reached, 200 once reconnected. Slack is the fake Web API, whose
 * apps.connections.open hands out a local fake Socket Mode server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { createApp } from "../../src/slack/app.js";
import { FakeSlack } from "./helpers/fake-slack.js";
import { FakeSocketMode } from "./helpers/fake-socket-mode.js";
import { MemoryLogger } from "./helpers/logger.js";
import { testSettings } from "./helpers/settings.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const slack = new FakeSlack();
const socketMode = new FakeSocketMode();
const APP_TOKEN = "xapp-1-A0000001-secret-app-token";

beforeAll(async () => {
  await Promise.all([slack.start(), socketMode.start()]);
  slack.socketModeUrl = socketMode.url;
});
afterAll(async () => {
  await Promise.all([slack.close(), socketMode.close()]);
});

async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const DISCONNECTED = { status: 503, body: { status: "unavailable", slack: "disconnected" } };
const CONNECTED = { status: 200, body: { status: "ok", slack: "connected" } };

describe("/healthz in Socket Mode", () => {
  it("503 until Slack says hello, ok while connected, 503 after a drop and while Slack is unreachable, ok once reconnected", async () => {
    const logger = new MemoryLogger();
    const app = createApp({
      settings: testSettings(slack.apiUrl, {
        connection: { mode: "socket", appToken: APP_TOKEN, healthPort: 0 },
      }),
      catalog,
      logger,
    });
    socketMode.autoHello = false;
    const opened = socketMode.opened();
    const started = app.start("127.0.0.1");
    try {
      await opened;
      // The health port listens before the app connects; its port is in the log.
      const port = Number(/Serving \/healthz on port (\d+)/.exec(logger.all())?.[1] ?? Number.NaN);
      // The WebSocket is open, but Slack has not said hello: no event can arrive yet.
      expect(await health(port)).toMatchObject(DISCONNECTED);

      socketMode.sendHello();
      expect((await started).port).toBe(port);
      expect(await health(port)).toMatchObject(CONNECTED);
      expect(slack.callsTo("apps.connections.open")).toHaveLength(1);

      // The network goes: the socket drops and Slack refuses new ones for a while.
      socketMode.accepting = false;
      socketMode.autoHello = true;
      const refusedBefore = socketMode.refused;
      socketMode.drop();
      await vi.waitFor(async () => expect(await health(port)).toMatchObject(DISCONNECTED), {
        timeout: 3000,
        interval: 50,
      });
      // Bolt retries (after 5 s); refused, health stays 503.
      await vi.waitFor(() => expect(socketMode.refused).toBeGreaterThan(refusedBefore), {
        timeout: 10_000,
        interval: 100,
      });
      expect(await health(port)).toMatchObject(DISCONNECTED);

      // Slack is back: the next retry connects, and health says so.
      socketMode.accepting = true;
      await vi.waitFor(async () => expect(await health(port)).toMatchObject(CONNECTED), {
        timeout: 15_000,
        interval: 100,
      });
      expect(socketMode.connections).toBe(2);
      expect(logger.all()).not.toContain(APP_TOKEN);
    } finally {
      await started.catch(() => {});
      await app.stop();
    }
  }, 40_000);
});
