/**
 * The app recording to PostgreSQL (DATABASE_URL) when the database goes away: answers go out as
 * before, /healthz says "degraded" with what waits, and all of it is written once it is back.
 */
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { createApp, type ScenarioApp } from "../../src/slack/app.js";
import { createRecorder } from "../../src/store/open-store.js";
import { connect, describePg, freshDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { FakeSlack } from "./helpers/fake-slack.js";
import { MemoryLogger } from "./helpers/logger.js";
import { testSettings } from "./helpers/settings.js";
import { postSigned, slashCommandBody } from "./helpers/signed.js";

describePg("recording to PostgreSQL while it is down", () => {
  const slack = new FakeSlack();
  const logger = new MemoryLogger();
  let proxy: TcpProxy;
  let url: string;
  let app: ScenarioApp;
  let base: string;

  beforeAll(async () => {
    await slack.start();
    ({ url } = await freshDatabase());
    proxy = await TcpProxy.forUrl(url).up();
    const recording = {
      enabled: true,
      retentionDays: 90,
      databasePath: "unused",
      databaseUrl: proxy.url(url),
    };
    app = createApp({
      settings: testSettings(slack.apiUrl, { recording }),
      catalog: loadCatalog(DEFAULT_SCENARIOS_DIR),
      logger,
      recorder: createRecorder(recording, logger),
    });
    const { port } = await app.start("127.0.0.1");
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await proxy?.down();
    await slack.close();
  });

  const health = async () =>
    (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
  const ask = async (text: string) => {
    const started = performance.now();
    const res = await postSigned(
      `${base}/slack/events`,
      "form",
      slashCommandBody(text, slack.responseUrl("c")),
    );
    const body = (await res.json()) as { text: string };
    return { ms: performance.now() - started, text: body.text };
  };

  it("answers at once, says degraded, and writes everything once the database is back", async () => {
    await ask("flutter app calling our api");
    await vi.waitFor(async () =>
      expect(await health()).toMatchObject({ status: "ok", recording: { pending: 0 } }),
    );

    await proxy.down();
    for (const question of ["react spa with api", "okta for staff", "saml for our web app"]) {
      const { text, ms } = await ask(question);
      expect(text).not.toMatch(/sorry/i);
      expect(ms).toBeLessThan(3_000); // Slack's limit; nothing waits on the database
    }
    await vi.waitFor(
      async () =>
        expect(await health()).toMatchObject({
          status: "degraded",
          recording: { state: "degraded", pending: 3, dropped: 0 },
        }),
      { timeout: 10_000, interval: 100 },
    );
    expect(logger.all()).toMatch(/recording: database write failed, will retry/);

    await proxy.up();
    await vi.waitFor(
      async () => expect(await health()).toMatchObject({ status: "ok", recording: { pending: 0 } }),
      { timeout: 10_000, interval: 100 },
    );
    const db = await connect(url);
    const { rows } = await db.query("SELECT COUNT(*)::int AS n FROM answers");
    await db.end();
    expect(rows[0]?.n).toBe(4);
  });
});
