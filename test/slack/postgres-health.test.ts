/**
 * The app recording to PostgreSQL (DATABASE_URL) when the database goes away: answers go out as
 * before, /healthz says "degraded" with what waits, and all of it is written once it is back.
 */
import { afterAll, expect, it, vi } from "vitest";
import { createRecorder } from "../../src/store/open-store.js";
import { connect, describePg, freshDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { useSlackHarness } from "./helpers/harness.js";
import { postSigned, slashCommandBody } from "./helpers/signed.js";

describePg("recording to PostgreSQL while it is down", () => {
  let proxy: TcpProxy;
  let url: string;
  // Registered before the harness, so run after it has stopped the app (after-all hooks run
  // last first): the proxy goes down last.
  afterAll(async () => {
    await proxy?.down();
  });
  const harness = useSlackHarness(
    async () => {
      ({ url } = await freshDatabase());
      proxy = await TcpProxy.forUrl(url).up();
      const recording = {
        enabled: true,
        retentionDays: 90,
        databasePath: "unused",
        databaseUrl: proxy.url(url),
      };
      return { settings: { recording }, recorder: createRecorder(recording, harness.logger) };
    },
    { reset: "none" },
  );
  const { slack, logger } = harness;

  const health = async () =>
    (await (await fetch(`${harness.base}/healthz`)).json()) as Record<string, unknown>;
  const ask = async (text: string) => {
    const started = performance.now();
    // The ack's own time: not through harness.post, which also waits for the app to be idle.
    const res = await postSigned(
      harness.eventsUrl,
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
