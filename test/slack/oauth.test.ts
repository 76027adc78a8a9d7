/**
 * Installation in many workspaces (OAuth v2 through Bolt's installer) against the fake Web API,
 * on each engine: install in two workspaces, answer in each with its own token, stats per
 * workspace, then uninstall one (its tokens gone, the other still answers) and revoke the other.
 */
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import type { RecordingSettings } from "../../src/config/settings.js";
import { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH } from "../../src/slack/app.js";
import { createInstallationStore, createRecorder } from "../../src/store/open-store.js";
import type { Recorder } from "../../src/store/types.js";
import { describePg, freshDatabase } from "../helpers/postgres.js";
import { tempFile } from "../helpers/tmp.js";
import { BOT_USER_ID, installedToken } from "./helpers/fake-slack.js";
import { useSlackHarness } from "./helpers/harness.js";

const T1 = "T0000001";
const T2 = "T0000002";
const ADMIN = "U0000002";
const KEY = randomBytes(32);

interface Engine {
  name: string;
  recording(): Promise<RecordingSettings>;
  /** The installations table's rows, as stored. */
  rows(recording: RecordingSettings): Promise<Array<{ id: string; data: string }>>;
}

const SQLITE: Engine = {
  name: "SQLite",
  recording: async () => ({
    enabled: true,
    retentionDays: 90,
    databasePath: tempFile("advisor-oauth", "records.db"),
  }),
  async rows({ databasePath }) {
    const db = new Database(databasePath, { readonly: true });
    try {
      return db.prepare("SELECT id, data FROM installations ORDER BY id").all() as Array<{
        id: string;
        data: string;
      }>;
    } finally {
      db.close();
    }
  },
};

const POSTGRES: Engine = {
  name: "PostgreSQL",
  recording: async () => ({
    enabled: true,
    retentionDays: 90,
    databasePath: "unused",
    databaseUrl: (await freshDatabase()).url,
  }),
  async rows({ databaseUrl }) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query("SELECT id, data FROM installations ORDER BY id")).rows;
    } finally {
      await client.end();
    }
  },
};

let counter = 0;
function eventBody(team: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: team,
    api_app_id: "A0000001",
    type: "event_callback",
    event_id: `EvOAuth${++counter}`,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: team, user_id: BOT_USER_ID, is_bot: true }],
    event,
  });
}

const mention = (team: string) =>
  eventBody(team, {
    type: "app_mention",
    channel: "C0000001",
    user: ADMIN,
    text: `<@${BOT_USER_ID}> mobile app calling our api`,
    ts: `1700000000.${String(++counter).padStart(6, "0")}`,
  });

function commandBody(team: string, text: string): string {
  return new URLSearchParams({
    team_id: team,
    channel_id: "C0000001",
    user_id: ADMIN,
    command: "/scenario",
    text,
    api_app_id: "A0000001",
    response_url: "http://127.0.0.1:1/unused",
    trigger_id: "1.2.3",
  }).toString();
}

function oauthSuite(engine: Engine) {
  describe(`installing in many workspaces, on ${engine.name}`, () => {
    let recording: RecordingSettings;
    let recorder: Recorder;
    // The tests build on each other (installed, then answered, then uninstalled); the log is
    // checked across all of them.
    const harness = useSlackHarness(
      async () => {
        recording = await engine.recording();
        recorder = createRecorder(recording, harness.logger);
        return {
          settings: {
            botToken: undefined,
            oauth: {
              clientId: "1234.5678",
              clientSecret: "0123456789abcdef0123456789abcdef",
              stateSecret: "a-state-secret-for-the-tests",
              encryptionKey: KEY,
              installPort: 0,
            },
            recording,
            adminUserIds: [ADMIN],
          },
          recorder,
          installationStore: createInstallationStore(recording, KEY, harness.logger),
        };
      },
      { reset: "none" },
    );
    const { slack, logger } = harness;

    async function install(team: string): Promise<void> {
      const started = await fetch(`${harness.base}${INSTALL_PATH}`, { redirect: "manual" });
      expect(started.status).toBe(302);
      const authorize = new URL(started.headers.get("location") ?? "");
      expect(`${authorize.origin}${authorize.pathname}`).toBe(
        "https://slack.com/oauth/v2/authorize",
      );
      expect(authorize.searchParams.get("scope")?.split(",").sort()).toEqual([...BOT_SCOPES]);
      const state = authorize.searchParams.get("state") ?? "";
      // The state also rides in a cookie: a redirect without it (another browser) is refused.
      const cookie = (started.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      expect(cookie).toContain(state);
      const back = `${harness.base}${REDIRECT_PATH}?code=code-${team}&state=${state}`;
      const stolen = await fetch(back, { redirect: "manual" });
      expect(stolen.status).not.toBe(200);
      const done = await fetch(back, { headers: { cookie }, redirect: "manual" });
      expect(done.status).toBe(200);
      // The state is used once: the same redirect, cookie and all, replayed, is refused.
      const exchanges = slack.callsTo("oauth.v2.access").length;
      const replayed = await fetch(back, { headers: { cookie }, redirect: "manual" });
      expect(replayed.status).not.toBe(200);
      expect(slack.callsTo("oauth.v2.access")).toHaveLength(exchanges);
    }

    const send = (kind: "json" | "form", body: string) => harness.post(kind, body);

    /** GET /metrics' installations gauge; the text holds no workspace id. */
    async function installationsGauge(): Promise<number> {
      const text = await (await fetch(`${harness.base}/metrics`)).text();
      expect(text).not.toContain(T1);
      expect(text).not.toContain(T2);
      const line = text.split("\n").find((l) => l.startsWith("scenario_advisor_installations "));
      return Number(line?.split(" ")[1]);
    }

    /** The tokens chat.postMessage was called with, since the last reset. */
    const postedWith = () =>
      slack.callsTo("chat.postMessage").map((c) => c.authorization?.replace("Bearer ", ""));

    it("installs in two workspaces, keeping each bot token encrypted", async () => {
      expect(await installationsGauge()).toBe(0);
      await install(T1);
      await install(T2);
      expect(await installationsGauge()).toBe(2);
      const exchanges = slack.callsTo("oauth.v2.access");
      expect(exchanges.map((c) => c.args.code)).toEqual([`code-${T1}`, `code-${T2}`]);
      const rows = await engine.rows(recording);
      expect(rows.map((r) => r.id)).toEqual([T1, T2]);
      for (const row of rows) {
        expect(row.data).toMatch(/^v1:/);
        expect(row.data).not.toContain("xoxb-");
      }
    });

    it("answers in each workspace with that workspace's own token", async () => {
      slack.reset();
      await send("json", mention(T1));
      await send("json", mention(T2));
      expect(postedWith()).toEqual([installedToken(T1), installedToken(T2)]);
      // Tokens are never logged.
      expect(logger.all()).not.toContain("installed-secret");
    });

    it("shows /scenario stats of the asking workspace only", async () => {
      await vi.waitFor(async () => {
        const report = await recorder.report({ since: new Date(0), scenarioIds: [] });
        expect(report?.answered).toBe(2);
      });
      const res = await send("form", commandBody(T2, "stats"));
      const text = JSON.stringify(await res.json());
      expect(text).toContain(`in workspace ${T2}: 1 questions answered`);
    });

    it("forgets a workspace that uninstalls the app; the other still answers", async () => {
      await send("json", eventBody(T1, { type: "app_uninstalled" }));
      expect((await engine.rows(recording)).map((r) => r.id)).toEqual([T2]);
      expect(await installationsGauge()).toBe(1);

      slack.reset();
      await send("json", mention(T1));
      await send("json", mention(T2));
      expect(postedWith()).toEqual([installedToken(T2)]);
      expect(logger.all()).toContain("no installation for this workspace");
      // The log policy: workspace ids only as the keyed hash, never raw.
      expect(logger.all()).toContain("removed, with its tokens");
      expect(logger.all()).not.toContain(T1);
    });

    it("forgets a workspace that revokes the bot token", async () => {
      const revoked = { type: "tokens_revoked", tokens: { oauth: [], bot: [BOT_USER_ID] } };
      await send("json", eventBody(T2, revoked));
      expect(await engine.rows(recording)).toEqual([]);
      expect(await installationsGauge()).toBe(0);
    });
  });
}

oauthSuite(SQLITE);
describePg("on PostgreSQL", () => oauthSuite(POSTGRES));
