/**
 * The weekly digest through the real app (HTTP mode, the fake Web API), run by a test clock:
 * nothing is waited for. On SQLite: posted at its time, not again after a restart, nothing for
 * a week without questions, a failed post tried again, a missed week posted once (these run in
 * order on one database file, as weeks follow each other). On PostgreSQL: two instances, one
 * post. In many workspaces: each its own channel and token.
 */

import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import type { AppSettings, RecordingSettings } from "../../src/config/settings.js";
import { parseSchedule } from "../../src/digest/schedule.js";
import { createApp, type ScenarioApp } from "../../src/slack/app.js";
import type { Clock } from "../../src/slack/digest.js";
import { createInstallationStore, createRecorder } from "../../src/store/open-store.js";
import { connect, describePg, freshDatabase } from "../helpers/postgres.js";
import { tempFile } from "../helpers/tmp.js";
import { FakeSlack, installedToken } from "./helpers/fake-slack.js";
import { MemoryLogger } from "./helpers/logger.js";
import { testSettings } from "./helpers/settings.js";

type Json = Record<string, unknown>;

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const slack = new FakeSlack();
const DIGEST_CHANNEL = "C0DIGEST01";
const WORKSPACE = "T0000001"; // the fake's auth.test team

/** A clock the test moves: timers fire when it is app past their time, never by waiting. */
class TestClock implements Clock {
  #timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  constructor(public time: number) {}
  now(): number {
    return this.time;
  }
  setTimer(run: () => void, ms: number) {
    const timer = { at: this.time + ms, run, cancelled: false };
    this.#timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }
  /** Moves to `iso`, firing every timer due by then. */
  moveTo(iso: string): void {
    this.time = Date.parse(iso);
    for (const timer of this.#timers.splice(0)) {
      if (timer.cancelled) continue;
      if (timer.at <= this.time) timer.run();
      else this.#timers.push(timer);
    }
  }
}

function settings(recording: RecordingSettings): AppSettings {
  return testSettings(slack.apiUrl, {
    recording,
    digest: {
      targets: [{ channel: DIGEST_CHANNEL }],
      schedule: { ...parseSchedule("mon 09:00"), timeZone: "UTC" },
    },
  });
}

async function startApp(recording: RecordingSettings, clock: Clock): Promise<ScenarioApp> {
  const logger = new MemoryLogger();
  const app = createApp({
    settings: settings(recording),
    catalog,
    logger,
    recorder: createRecorder(recording, logger),
    clock,
  });
  await app.start("127.0.0.1");
  await app.digest?.settled();
  return app;
}

const digests = () =>
  slack.callsTo("chat.postMessage").filter((c) => c.args.channel === DIGEST_CHANNEL);
const textOf = (call: { args: Json } | undefined) => JSON.stringify(call?.args.blocks ?? []);

let counter = 0;
/** Answers as recorded rows: [when, scenario or null for no match, question]. */
function answerRows(rows: Array<[string, string | null, string]>, workspace = WORKSPACE) {
  return rows.map(([when, scenario, question]) => [
    `digest-${++counter}`,
    Date.parse(when),
    workspace,
    "command",
    null,
    question,
    scenario,
    scenario === null ? 0.05 : 0.9,
    "[]",
  ]);
}

/** A week of questions, Monday 2026-11-23 09:00 to 2026-11-30 09:00 UTC; one the week before. */
const WEEK = answerRows([
  ["2026-11-24T10:00:00Z", "mobile-api", "flutter app calling our api"],
  ["2026-11-25T10:00:00Z", "mobile-api", "ios app that calls our backend api"],
  ["2026-11-26T10:00:00Z", "server-api", "cron job calling our api"],
  ["2026-11-27T10:00:00Z", null, "anyone up for tacos"],
]);
const WEEK_BEFORE = answerRows([["2026-11-18T10:00:00Z", "b2b", "b2b saas with customer sso"]]);

const INSERT_SQLITE = `INSERT INTO answers (id, created_at, workspace_id, surface, user_hash, question, scenario_id, score, alternatives)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_PG = INSERT_SQLITE.replace(
  /\?/g,
  (() => {
    let i = 0;
    return () => `$${++i}`;
  })(),
);

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.close();
});
afterEach(() => slack.reset());

describe("the weekly digest (SQLite)", () => {
  const file = tempFile("advisor-digest", "records.db");
  const recording = { enabled: true, retentionDays: 90, databasePath: file };
  let app: ScenarioApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("posts nothing for a week without questions, then the week's summary at its time", async () => {
    // Sunday: the last due week (to Monday 2026-11-23) had no questions.
    const clock = new TestClock(Date.parse("2026-11-29T12:00:00Z"));
    app = await startApp(recording, clock);
    expect(digests()).toEqual([]);
    const db = new Database(file);
    for (const row of WEEK) db.prepare(INSERT_SQLITE).run(...row);
    db.close();

    // The checks before the hour still find the week to 2026-11-23 empty.
    clock.moveTo("2026-11-30T08:59:00Z");
    await app.digest?.settled();
    expect(digests()).toEqual([]);
    clock.moveTo("2026-11-30T09:00:00Z");
    await app.digest?.settled();
    const [posted] = digests();
    expect(digests()).toHaveLength(1);
    const text = textOf(posted);
    expect(text).toContain("*4 questions answered* (week before: 0)");
    expect(text).toContain("No match: 25% (1), week before – (0)");
    expect(text).toContain("`mobile-api`: 2 answers");
    expect(text).toContain("`server-api`: 1 answers");
    // Question text is recorded here, so the unanswered one is listed.
    expect(text).toContain("1× anyone up for tacos");
    expect(text).toContain("scenario-bot report --since 7d --workspace T0000001");
  });

  it("does not post the same week again after a restart, nor a week with no questions", async () => {
    const clock = new TestClock(Date.parse("2026-11-30T10:00:00Z"));
    app = await startApp(recording, clock);
    expect(digests()).toEqual([]);
    clock.moveTo("2026-12-07T09:00:00Z");
    await app.digest?.settled();
    expect(digests()).toEqual([]);
  });

  it("tries a failed post again at the next check, and then posts it once", async () => {
    const db = new Database(file);
    const week = answerRows([["2026-12-01T10:00:00Z", "spa-api", "angular spa calling our api"]]);
    for (const row of week) db.prepare(INSERT_SQLITE).run(...row);
    db.close();
    slack.fail("chat.postMessage", 500);
    const clock = new TestClock(Date.parse("2026-12-07T09:00:00Z"));
    app = await startApp(recording, clock);
    expect(digests().length).toBeGreaterThan(0); // tried (with the client's retries), failed
    slack.reset();
    clock.moveTo("2026-12-07T10:00:00Z");
    await app.digest?.settled();
    expect(digests()).toHaveLength(1);
    clock.moveTo("2026-12-07T11:00:00Z");
    await app.digest?.settled();
    expect(digests()).toHaveLength(1);
  });

  it("posts a missed week once on start, not every week missed", async () => {
    const db = new Database(file);
    const later = answerRows([
      ["2026-12-08T10:00:00Z", "spa-api", "react spa calling our api"],
      ["2026-12-15T10:00:00Z", "spa-api", "vue spa calling our api"],
      ["2026-12-16T10:00:00Z", "b2c", "customers sign up with google"],
    ]);
    for (const row of later) db.prepare(INSERT_SQLITE).run(...row);
    db.close();
    // Down from 12-07 to 12-23: the weeks to 12-14 and 12-21 were missed; only the last is posted.
    const clock = new TestClock(Date.parse("2026-12-23T12:00:00Z"));
    app = await startApp(recording, clock);
    expect(digests()).toHaveLength(1);
    const text = textOf(digests()[0]);
    expect(text).toContain("*2 questions answered* (week before: 1)");
    expect(text).toContain("2026-12-21");
  });
});

describePg("the weekly digest (two instances on one PostgreSQL)", () => {
  it("gives a week's claim to exactly one of many concurrent claimants", async () => {
    const { url } = await freshDatabase();
    const recording = {
      enabled: true,
      retentionDays: 90,
      databasePath: ":memory:",
      databaseUrl: url,
    };
    const recorders = [0, 1, 2].map(() => createRecorder(recording, new MemoryLogger()));
    try {
      const claims = await Promise.all(
        recorders.flatMap((r) =>
          [0, 1, 2, 3].map(() => r.claimDigest(WORKSPACE, "2026-11-30T09:00:00.000Z")),
        ),
      );
      expect(claims.filter((c) => c === true)).toHaveLength(1);
      expect(claims.filter((c) => c === false)).toHaveLength(11);
      // Another week, or another workspace, is a claim of its own.
      expect(await recorders[0]?.claimDigest(WORKSPACE, "2026-12-07T09:00:00.000Z")).toBe(true);
      expect(await recorders[1]?.claimDigest("T0000099", "2026-11-30T09:00:00.000Z")).toBe(true);
    } finally {
      await Promise.all(recorders.map((r) => r.close()));
    }
  });

  it("is posted once whichever instances are running", async () => {
    const { url } = await freshDatabase();
    const recording = {
      enabled: true,
      retentionDays: 90,
      databasePath: ":memory:",
      databaseUrl: url,
    };
    const clockA = new TestClock(Date.parse("2026-11-29T12:00:00Z"));
    const clockB = new TestClock(Date.parse("2026-11-29T12:00:00Z"));
    const a = await startApp(recording, clockA);
    const b = await startApp(recording, clockB);
    try {
      const client = await connect(url);
      for (const row of [...WEEK, ...WEEK_BEFORE]) await client.query(INSERT_PG, row);
      await client.end();
      expect(digests()).toEqual([]);
      // Both instances reach the hour at once.
      clockA.moveTo("2026-11-30T09:00:00Z");
      clockB.moveTo("2026-11-30T09:00:00Z");
      await Promise.all([a.digest?.settled(), b.digest?.settled()]);
      expect(digests()).toHaveLength(1);
      expect(textOf(digests()[0])).toContain("*4 questions answered*");
    } finally {
      await a.stop();
      await b.stop();
    }
    // A third instance started later in the week posts nothing more.
    const c = await startApp(recording, new TestClock(Date.parse("2026-12-01T12:00:00Z")));
    await c.stop();
    expect(digests()).toHaveLength(1);
  });
});

describe("the weekly digest in many workspaces (OAuth)", () => {
  it("posts each workspace's own week to its own channel, with its own token", async () => {
    const [T1, T2, T3] = ["T0000011", "T0000022", "T0000033"];
    const file = tempFile("advisor-digest-oauth", "r.db");
    const recording = { enabled: true, retentionDays: 90, databasePath: file };
    const key = randomBytes(32);
    const logger = new MemoryLogger();
    const installations = createInstallationStore(recording, key, logger);
    const clock = new TestClock(Date.parse("2026-11-29T12:00:00Z"));
    const app = createApp({
      settings: testSettings(slack.apiUrl, {
        botToken: undefined,
        oauth: {
          clientId: "1234.5678",
          clientSecret: "0123456789abcdef0123456789abcdef",
          stateSecret: "a-state-secret-for-the-tests",
          encryptionKey: key,
          installPort: 0,
        },
        recording,
        digest: {
          // T3 is named but not installed: skipped.
          targets: [
            { workspaceId: T1, channel: "C0000111" },
            { workspaceId: T2, channel: "C0000222" },
            { workspaceId: T3, channel: "C0000333" },
          ],
          schedule: { ...parseSchedule("mon 09:00"), timeZone: "UTC" },
        },
      }),
      catalog,
      logger,
      recorder: createRecorder(recording, logger),
      installationStore: createInstallationStore(recording, key, logger),
      clock,
    });
    await app.start("127.0.0.1");
    await app.digest?.settled();
    try {
      for (const team of [T1, T2]) {
        await installations.storeInstallation({
          team: { id: team as string, name: team },
          enterprise: undefined,
          user: { id: "U0000001", token: undefined, scopes: undefined },
          bot: {
            id: "B0000001",
            userId: "UBOT0000001",
            token: installedToken(team as string),
            scopes: ["chat:write"],
          },
          tokenType: "bot",
          isEnterpriseInstall: false,
          appId: "A0000001",
          authVersion: "v2",
        });
      }
      const db = new Database(file);
      const rows = [
        ...answerRows([["2026-11-24T10:00:00Z", "mobile-api", "flutter app calling our api"]], T1),
        ...answerRows(
          [
            ["2026-11-24T11:00:00Z", "b2b", "b2b saas with customer sso"],
            ["2026-11-25T11:00:00Z", "b2b", "our customers bring their own idp"],
          ],
          T2,
        ),
      ];
      for (const row of rows) db.prepare(INSERT_SQLITE).run(...row);
      db.close();
      clock.moveTo("2026-11-30T09:00:00Z");
      await app.digest?.settled();
      const posts = slack
        .callsTo("chat.postMessage")
        .map((c) => [c.args.channel, c.authorization, textOf(c).includes("*1 questions") ? 1 : 2]);
      expect(posts).toEqual([
        ["C0000111", `Bearer ${installedToken(T1 as string)}`, 1],
        ["C0000222", `Bearer ${installedToken(T2 as string)}`, 2],
      ]);
      expect(textOf(slack.callsTo("chat.postMessage")[0])).toContain("`mobile-api`");
      expect(textOf(slack.callsTo("chat.postMessage")[1])).toContain("`b2b`: 2 answers");
    } finally {
      await app.stop();
      await installations.close();
    }
  });
});
