/**
 * Recording through the real Bolt app: answers from each surface and the feedback buttons reach
 * a real SQLite file, `/scenario stats` shows them to admins only, and a locked database never
 * stops an answer. The tests run in order and build one history, as a day of use would.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE } from "../../src/slack/blocks/guide-modal.js";
import { ACTION } from "../../src/slack/buttons.js";
import { createRecorder } from "../../src/store/open-store.js";
import type { SqliteRecorder } from "../../src/store/sqlite-recorder.js";
import { tempFile } from "../helpers/tmp.js";
import { type HarnessAppOptions, useSlackHarness } from "./helpers/harness.js";
import { eventBody, sealedMetadata, viewSubmissionBody } from "./helpers/signed.js";

type Json = Record<string, unknown>;

const ADMIN = "U0000001"; // the user the signed-request helpers send as
const dbFile = tempFile("advisor-rec", "records.db");
let db: Database.Database;
let recorder: SqliteRecorder;

/** The app recording to dbFile, with these admins. */
function recordingApp(adminUserIds: string[]): HarnessAppOptions {
  const recording = { enabled: true, retentionDays: 90, databasePath: dbFile };
  recorder = createRecorder(recording, harness.logger) as SqliteRecorder;
  return { settings: { recording, adminUserIds }, recorder };
}

const harness = useSlackHarness(() => recordingApp([ADMIN]), { reset: "slack" });
const { slack } = harness;

beforeAll(() => {
  db = new Database(dbFile, { readonly: true });
});

afterAll(() => {
  db?.close();
});

async function command(text: string) {
  return (await harness.command(text)).body;
}

async function click(blocks: Json[], actionId: string) {
  const value = blocks
    .flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : []))
    .find((b) => b.action_id === actionId)?.value as string | undefined;
  expect(value, `button ${actionId}`).toBeDefined();
  await harness.click({
    actionId,
    value,
    responseUrl: slack.responseUrl(actionId),
    ephemeral: true,
  });
}

/** A direct message from U3 to the app (in a thread when `thread_ts` is given). */
function directMessage(fields: { ts: string; text: string; thread_ts?: string }) {
  return harness.event({
    type: "message",
    channel_type: "im",
    channel: "D1",
    user: "U3",
    ...fields,
  });
}

/** The answers in the file, once what the app has recorded is committed. */
const answers = () => {
  recorder.flush();
  return db.prepare("SELECT * FROM answers ORDER BY created_at, rowid").all() as Array<
    Record<string, unknown>
  >;
};
const feedback = () => {
  recorder.flush();
  return db.prepare("SELECT answer_id, kind, scenario_id FROM feedback ORDER BY id").all();
};

describe("recording from Slack", () => {
  it("records a slash-command answer, hashing the user", async () => {
    await command("flutter app calling our api");
    const [row] = answers().slice(-1);
    expect(row).toMatchObject({
      surface: "command",
      workspace_id: "T0000001",
      question: "flutter app calling our api",
      scenario_id: "mobile-api",
    });
    expect(row?.user_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(ADMIN);
    expect(JSON.parse(String(row?.alternatives)).length).toBeGreaterThan(0);
  });

  it("links Helpful, Not quite, a picked alternative and None of these to the answer", async () => {
    const reply = await command("react single page app calling our api");
    const answerId = answers().slice(-1)[0]?.id;
    await click(reply.blocks, ACTION.helpful);
    await click(reply.blocks, ACTION.notQuite);
    await click(reply.blocks, `${ACTION.pick}_0`);
    await click(reply.blocks, ACTION.noneOfThese);
    const picked = (reply.blocks as Json[])
      .flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : []))
      .find((b) => b.action_id === `${ACTION.pick}_0`);
    const pickedId = JSON.parse(String(picked?.value)).s;
    expect(feedback().slice(-4)).toEqual([
      { answer_id: answerId, kind: "helpful", scenario_id: null },
      { answer_id: answerId, kind: "not_quite", scenario_id: null },
      { answer_id: answerId, kind: "picked", scenario_id: pickedId },
      { answer_id: answerId, kind: "none_of_these", scenario_id: null },
    ]);
  });

  it("records unanswered questions, mentions and DMs with their surface", async () => {
    await command("anyone up for tacos?");
    await harness.post(
      "json",
      eventBody({
        type: "app_mention",
        channel: "C1",
        user: "U2",
        ts: "1.1",
        text: "<@UBOT0000001> cron job calling our api",
      }),
    );
    await directMessage({ ts: "2.2", text: "b2b saas with customer sso" });
    await harness.app.idle();
    const recent = answers()
      .slice(-3)
      .map((r) => [r.surface, r.scenario_id]);
    expect(recent).toEqual([
      ["command", null],
      ["mention", "server-api"],
      ["dm", "b2b"],
    ]);
  });

  it("records an answer to the clarifying question as the person's pick", async () => {
    const reply = await command("sign-in for our team and our clients");
    const answerId = answers().slice(-1)[0]?.id;
    await click(reply.blocks, `${ACTION.clarify}_1`);
    expect(feedback().slice(-1)).toEqual([
      { answer_id: answerId, kind: "picked", scenario_id: "b2b" },
    ]);
  });

  it("records an org-wide install's guided answer (team: null) under the user's workspace", async () => {
    const values = {
      [GUIDE.block.app]: { [GUIDE.action.app]: { selected_option: { value: "native" } } },
    };
    await harness.post(
      "form",
      viewSubmissionBody({
        callbackId: GUIDE.callbackId,
        privateMetadata: sealedMetadata({ to: "dm" }),
        values,
        orgWide: { userTeam: "T0000009" },
      }),
    );
    await harness.app.idle();
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    const [row] = answers().slice(-1);
    expect(row).toMatchObject({
      surface: "guide",
      workspace_id: "T0000009",
      scenario_id: "mobile-api",
    });
  });

  it("records a guided answer on the guide surface, with the pick it is", async () => {
    const values = {
      [GUIDE.block.app]: { [GUIDE.action.app]: { selected_option: { value: "spa" } } },
      [GUIDE.block.audience]: { [GUIDE.action.audience]: { selected_option: { value: "public" } } },
    };
    await harness.post(
      "form",
      viewSubmissionBody({
        callbackId: GUIDE.callbackId,
        privateMetadata: sealedMetadata({ to: "dm" }),
        values,
      }),
    );
    await harness.app.idle();
    const [row] = answers().slice(-1);
    expect(row).toMatchObject({
      surface: "guide",
      question: "",
      scenario_id: "spa-api",
      alternatives: '["b2c"]',
    });
    expect(feedback().slice(-1)).toEqual([
      { answer_id: row?.id, kind: "picked", scenario_id: "spa-api" },
    ]);
  });

  it("records a question in the assistant panel on its surface", async () => {
    await directMessage({ ts: "5.5", thread_ts: "5.0", text: "iOS app calling our API" });
    await harness.app.idle();
    expect(
      answers()
        .slice(-1)
        .map((r) => [r.surface, r.scenario_id]),
    ).toEqual([["assistant", "mobile-api"]]);
  });

  it("does not record help, list or greetings", async () => {
    const before = answers().length;
    await command("help");
    await command("list");
    await command("");
    expect(answers().length).toBe(before);
  });

  it("/scenario stats shows the report to admins", async () => {
    const body = await command("stats");
    const text = JSON.stringify(body.blocks);
    expect(text).toMatch(
      /\d+ questions answered \(command \d+, mention 1, dm 1, cli 0, guide 1, assistant 1, shortcut 0\)/,
    );
    expect(text).toContain("Most frequent questions with no match");
    expect(text).toContain("tacos");
  });

  it("stats in a DM is the same report, and in a channel only the asker sees it", async () => {
    const before = answers().length;
    const stats = (await command("stats")).text;
    const dm = { type: "message", channel_type: "im", channel: "D1", user: ADMIN, ts: "3.3" };
    await harness.post("json", eventBody({ ...dm, text: "stats" }));
    const mention = { type: "app_mention", channel: "C1", user: ADMIN, ts: "4.4" };
    await harness.post("json", eventBody({ ...mention, text: "<@UBOT0000001> stats" }));
    await harness.app.idle();
    const [inDm] = slack.callsTo("chat.postMessage");
    const [inChannel] = slack.callsTo("chat.postEphemeral");
    expect(inDm?.args).toMatchObject({ channel: "D1", text: stats });
    expect(inChannel?.args).toMatchObject({ channel: "C1", user: ADMIN, thread_ts: "4.4" });
    expect(inChannel?.args.text).toBe(stats);
    expect(stats).toMatch(/questions answered/);
    expect(answers().length).toBe(before);
  });

  it("/healthz says recording is ok", async () => {
    const health = await (await fetch(`${harness.base}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", recording: { state: "ok", pending: 0 } });
  });

  it("a locked database neither blocks nor breaks an answer, and /healthz says so", async () => {
    const locker = new Database(dbFile);
    locker.exec("BEGIN IMMEDIATE");
    try {
      const reply = await command("flutter app calling our api");
      expect(JSON.stringify(reply.blocks)).toContain("Mobile");
      const health = await (await fetch(`${harness.base}/healthz`)).json();
      expect(health).toMatchObject({
        status: "degraded",
        recording: { state: "degraded", pending: 1 },
      });
    } finally {
      locker.exec("COMMIT");
      locker.close();
    }
    // The queued answer waits for the retry (its timer is tested in store/recovery.test.ts; run
    // it now), then lands before the next one.
    recorder.flush();
    await command("cron job calling our api");
    recorder.flush();
    const health = await (await fetch(`${harness.base}/healthz`)).json();
    expect(health).toMatchObject({ status: "ok", recording: { state: "ok", pending: 0 } });
    expect(
      answers()
        .slice(-2)
        .map((r) => r.question),
    ).toEqual(["flutter app calling our api", "cron job calling our api"]);
  });
});

describe("/scenario stats for others", () => {
  it("tells a non-admin it is for admins", async () => {
    await harness.restart(recordingApp(["U9999999"]));
    const body = await command("stats");
    expect(body.text).toContain("is for the app's admins");
    expect(JSON.stringify(body.blocks)).not.toContain("questions answered");
  });
});
