/**
 * The operator's view: a log line per answered request and click, and GET /metrics after real
 * signed requests to the Bolt receiver on loopback (Web API at the fake Slack).
 */
import { describe, expect, it } from "vitest";
import { loadAppSettings } from "../../src/config/settings.js";
import { GUIDE } from "../../src/slack/blocks/guide-modal.js";
import { Telemetry } from "../../src/slack/telemetry.js";
import { DISABLED_RECORDER } from "../../src/store/types.js";
import { bundledCatalog, useSlackHarness } from "./helpers/harness.js";
import { MemoryLogger } from "./helpers/logger.js";
import { SIGNING_SECRET, sealedMetadata, viewSubmissionBody } from "./helpers/signed.js";

const catalog = bundledCatalog();
const harness = useSlackHarness();
const { slack, logger } = harness;
const QUESTION = catalog.scenarios[0]?.examples[0] ?? "mobile app calling our API";

const answered = () => logger.lines.filter((l) => l.text.startsWith("Answered"));
const metric = (text: string, line: RegExp) =>
  Number(
    text
      .split("\n")
      .find((l) => line.test(l))
      ?.split(" ")
      .pop() ?? Number.NaN,
  );

describe("a log line per request", () => {
  it("a slash command logs surface, kind, scenario, confidence, ms and the hashed workspace; never the text or ids", async () => {
    await harness.command(QUESTION, slack.responseUrl("c"));
    const lines = answered();
    expect(lines).toHaveLength(1);
    const fields = JSON.parse(lines[0]?.text.slice("Answered ".length) ?? "{}");
    expect(fields).toMatchObject({ event: "answer", surface: "command", kind: "answer" });
    expect(typeof fields.ms).toBe("number");
    expect(fields.workspace).toMatch(/^#[0-9a-f]{10}$/);
    expect(["high", "low", "none"]).toContain(fields.confidence);
    expect(typeof fields.clarify).toBe("boolean");
    expect(typeof fields.also).toBe("boolean");
    const all = logger.all();
    expect(all).not.toContain(QUESTION);
    expect(all).not.toContain("T0000001");
    expect(all).not.toContain("U0000001");
  });

  it("a DM and a click each log one line", async () => {
    await harness.event({
      type: "message",
      channel: "D0000001",
      channel_type: "im",
      user: "U0000001",
      text: "help",
      ts: "1700000000.000100",
    });
    expect(answered().map((l) => JSON.parse(l.text.slice(9)).surface)).toEqual(["dm"]);
    await harness.click({
      actionId: "scenario_helpful",
      value: "x",
      responseUrl: slack.responseUrl("b"),
      ephemeral: true,
    });
    const clicks = logger.lines.filter((l) => l.text.startsWith("Button clicked"));
    expect(clicks).toHaveLength(1);
    expect(clicks[0]?.text).toContain('"action":"scenario_helpful"');
  });
});

describe("the guided chooser", () => {
  const submission = () =>
    viewSubmissionBody({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata({ to: "dm" }),
      values: {
        [GUIDE.block.app]: {
          [GUIDE.action.app]: { type: "radio_buttons", selected_option: { value: "spa" } },
        },
        [GUIDE.block.audience]: {
          [GUIDE.action.audience]: {
            type: "radio_buttons",
            selected_option: { value: "business" },
          },
        },
      },
    });

  it("a submission is an answer on surface guide: its log line and the answer metrics", async () => {
    const before = await (await fetch(`${harness.base}/metrics`)).text();
    await harness.post("form", submission());
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    const lines = answered();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]?.text.slice("Answered ".length) ?? "{}")).toMatchObject({
      event: "answer",
      surface: "guide",
      kind: "answer",
      scenario: "spa-api",
      confidence: "chosen",
      clarify: false,
      also: true,
      workspace: expect.stringMatching(/^#[0-9a-f]{10}$/),
    });
    // Counted once, as an answer, not also as a plain modal submission.
    expect(logger.lines.filter((l) => l.text.startsWith("Modal submitted"))).toEqual([]);
    const text = await (await fetch(`${harness.base}/metrics`)).text();
    const guided =
      /^scenario_advisor_answers_total\{surface="guide",kind="answer",scenario="spa-api",confidence="chosen"\}/;
    expect(metric(text, guided)).toBe((metric(before, guided) || 0) + 1);
    const latency = /^scenario_advisor_answer_duration_seconds_count\{surface="guide"\}/;
    expect(metric(text, latency)).toBe((metric(before, latency) || 0) + 1);
    expect(logger.all()).not.toContain("U0000001");
  });
});

describe("GET /metrics", () => {
  it("counts answers and Web API calls after real signed requests", async () => {
    const before = await (await fetch(`${harness.base}/metrics`)).text();
    await harness.command(QUESTION, slack.responseUrl("c"));
    await harness.event({
      type: "message",
      channel: "D0000001",
      channel_type: "im",
      user: "U0000001",
      text: QUESTION,
      ts: "1700000000.000200",
    });
    const res = await fetch(`${harness.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    const answers = /^scenario_advisor_answers_total\{surface="command",kind="answer"/;
    expect(metric(text, answers)).toBe((metric(before, answers) || 0) + 1);
    expect(
      metric(text, /^scenario_advisor_slack_api_calls_total\{method="chat.postMessage"\}/),
    ).toBeGreaterThanOrEqual(1);
    expect(
      metric(text, /^scenario_advisor_answer_duration_seconds_count\{surface="dm"\}/),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toContain("scenario_advisor_recording_queue_depth 0");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).not.toContain(QUESTION);
  });

  it("METRICS=false turns it off; a bad value is a clear error", async () => {
    const off = await harness.other({ settings: { metrics: false }, logger: new MemoryLogger() });
    expect((await fetch(`${off.base}/metrics`)).status).toBe(404);
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SIGNING_SECRET };
    expect(loadAppSettings({ ...env, METRICS: "false" }).metrics).toBe(false);
    expect(loadAppSettings(env).metrics).toBe(true);
    expect(() => loadAppSettings({ ...env, METRICS: "maybe" })).toThrow(
      /METRICS.*must be true or false/,
    );
  });
});

describe("HOST", () => {
  it("is read from the environment; unset means all interfaces", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SIGNING_SECRET };
    expect(loadAppSettings({ ...env, HOST: "127.0.0.1" }).host).toBe("127.0.0.1");
    expect(loadAppSettings(env).host).toBeUndefined();
  });
});

describe("Web API failures", () => {
  it("a 200 whose body says ok: false counts as a failure once the client reads it; ok: true does not", async () => {
    const telemetry = new Telemetry(new MemoryLogger(), catalog, DISABLED_RECORDER);
    const apiUrl = slack.apiUrl;
    const slackFetch = telemetry.slackFetch(apiUrl);
    const failures = async () =>
      metric(
        await telemetry.registry.metrics(),
        /^scenario_advisor_slack_api_failures_total\{method="chat.postMessage"\}/,
      ) || 0;
    slack.fail("chat.postMessage", "ok:false");
    const failing = await slackFetch(`${apiUrl}chat.postMessage`, { method: "POST", body: "" });
    expect(JSON.parse(await failing.text())).toMatchObject({ ok: false });
    expect(await failures()).toBe(1);
    slack.reset();
    const fine = await slackFetch(`${apiUrl}chat.postMessage`, { method: "POST", body: "" });
    expect(JSON.parse(await fine.text())).toMatchObject({ ok: true });
    expect(await failures()).toBe(1);
  });
});
