/**
 * The message shortcut "Find the scenario" through the real Bolt app (signed requests, the fake
 * Web API, a real SQLite file): someone else's message answered to the person who used it.
 */
import { describe, expect, it } from "vitest";
import { ACTION } from "../../src/slack/buttons.js";
import { FIND_SCENARIO } from "../../src/slack/listeners/shortcuts/find-scenario.js";
import { createRecorder } from "../../src/store/open-store.js";
import { renderReport } from "../../src/store/report.js";
import type { Recorder } from "../../src/store/types.js";
import { tempFile } from "../helpers/tmp.js";
import { bundledCatalog, useSlackHarness } from "./helpers/harness.js";
import { messageActionBody } from "./helpers/signed.js";

type Json = Record<string, unknown>;

const catalog = bundledCatalog();
let recorder: Recorder;
const harness = useSlackHarness(
  () => {
    const recording = {
      enabled: true,
      retentionDays: 90,
      databasePath: tempFile("advisor-shortcut", "records.db"),
    };
    recorder = createRecorder(recording, harness.logger);
    return { settings: { recording }, recorder };
  },
  { reset: "slack" },
);
const { slack, logger } = harness;

async function useShortcut(message: Json, channel?: string) {
  const res = await harness.post(
    "form",
    messageActionBody({
      callbackId: FIND_SCENARIO,
      responseUrl: slack.responseUrl("shortcut"),
      message,
      ...(channel !== undefined && { channel }),
    }),
  );
  expect(res.status).toBe(200);
}

const buttons = (blocks: unknown) =>
  (blocks as Json[]).flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : []));
const headerOf = (blocks: unknown) =>
  ((blocks as Json[]).find((b) => b.type === "header")?.text as Json | undefined)?.text;
const scenarioTitle = (id: string) => catalog.get(id)?.title;

async function shortcutAnswers() {
  const report = await recorder.report({
    since: new Date(0),
    scenarioIds: catalog.scenarios.map((s) => s.id),
  });
  return report;
}

describe("Find the scenario (message shortcut)", () => {
  it("answers a message with text ephemerally to whoever used it, in the message's thread", async () => {
    await useShortcut({
      ts: "1700000100.000100",
      thread_ts: "1700000050.000100",
      text: "how should our flutter app log users in and call our api?",
    });
    const [ephemeral] = slack.callsTo("chat.postEphemeral");
    expect(ephemeral?.args).toMatchObject({
      channel: "C0000001",
      user: "U0000001",
      thread_ts: "1700000050.000100",
    });
    expect(headerOf(ephemeral?.args.blocks)).toBe(scenarioTitle("mobile-api"));
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
    const report = await shortcutAnswers();
    expect(report?.bySurface.shortcut).toBe(1);
    expect(renderReport(report as NonNullable<typeof report>)).toContain("shortcut 1");
  });

  it("Share posts the answer into the message's thread", async () => {
    await useShortcut({ ts: "1700000200.000100", text: "b2b saas with customer sso" });
    const [ephemeral] = slack.callsTo("chat.postEphemeral");
    const share = buttons(ephemeral?.args.blocks).find((b) => b.action_id === ACTION.share);
    expect(share, "a Share button").toBeDefined();
    slack.reset();
    await harness.click({
      actionId: ACTION.share,
      value: String(share?.value),
      responseUrl: slack.responseUrl("share"),
      ephemeral: true,
    });
    const [shared] = slack.callsTo("chat.postMessage");
    expect(shared?.args).toMatchObject({ channel: "C0000001", thread_ts: "1700000200.000100" });
    expect(headerOf(shared?.args.blocks)).toBe(scenarioTitle("b2b"));
    // The ephemeral copy is removed; nothing is posted to the channel through the response_url.
    expect(slack.responses.map((r) => r.body)).toEqual([{ delete_original: true }]);
  });

  it("reads an attachment's text when the message has none of its own", async () => {
    await useShortcut({
      ts: "1700000300.000100",
      text: "",
      attachments: [{ fallback: "x", text: "cron job calling our api with no user present" }],
    });
    const [ephemeral] = slack.callsTo("chat.postEphemeral");
    expect(headerOf(ephemeral?.args.blocks)).toBe(scenarioTitle("server-api"));
  });

  it("explains, without an error or a record, when the message has no text (a file)", async () => {
    const before = (await shortcutAnswers())?.bySurface.shortcut;
    await useShortcut({
      ts: "1700000400.000100",
      text: "",
      files: [{ id: "F0000001", name: "diagram.png" }],
    });
    const [ephemeral] = slack.callsTo("chat.postEphemeral");
    expect(String(ephemeral?.args.text)).toMatch(/no text I can read/);
    expect((await shortcutAnswers())?.bySurface.shortcut).toBe(before);
    expect(logger.errors()).toEqual([]);
  });

  it("answers by DM in a channel the app is not in", async () => {
    slack.fail("chat.postEphemeral", "ok:false", "not_in_channel");
    await useShortcut({ ts: "1700000500.000100", text: "react spa calling our api" });
    expect(slack.callsTo("chat.postEphemeral")).toHaveLength(1);
    const [dm] = slack.callsTo("chat.postMessage");
    expect(dm?.args).toMatchObject({ channel: "U0000001" });
    expect(dm?.args.thread_ts).toBeUndefined();
    expect(headerOf(dm?.args.blocks)).toBe(scenarioTitle("spa-api"));
    // A DM is private already: no Share button.
    expect(buttons(dm?.args.blocks).map((b) => b.action_id)).not.toContain(ACTION.share);
  });

  it("answers by DM a message in a direct message between people", async () => {
    await useShortcut({ ts: "1700000600.000100", text: "react spa calling our api" }, "D0000009");
    expect(slack.callsTo("chat.postEphemeral")).toEqual([]);
    const [dm] = slack.callsTo("chat.postMessage");
    expect(dm?.args).toMatchObject({ channel: "U0000001" });
    expect(headerOf(dm?.args.blocks)).toBe(scenarioTitle("spa-api"));
  });
});
