/**
 * What the app does with requests it has no use for, through the real receiver on loopback:
 * bodies that are not a JSON object, timestamps from the future, payloads no listener handles.
 * Each is refused or acknowledged, and the app keeps serving.
 */

import { verifySlackRequest } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { RAW_MAX_CHARS } from "../../src/answer/question.js";
import {
  REFUSALS_INTERVAL_MS,
  receiverLogger,
  signatureProblem,
  signingKey,
} from "../../src/slack/receiver.js";
import { type AnswerRecord, DISABLED_RECORDER } from "../../src/store/types.js";
import { useSlackHarness } from "./helpers/harness.js";
import { MemoryLogger } from "./helpers/logger.js";
import { eventBody, SIGNING_SECRET, signatureHeaders, slashCommandBody } from "./helpers/signed.js";

/** The per-request lines of src/slack/telemetry.ts (tested in telemetry.test.ts). */
const TELEMETRY = /^(Button clicked|Modal submitted|Answered) /;
const recorded: AnswerRecord[] = [];
const recorder = { ...DISABLED_RECORDER, recordAnswer: (r: AnswerRecord) => recorded.push(r) > 0 };
const harness = useSlackHarness({ recorder });
const { slack, logger } = harness;

afterEach(() => {
  recorded.length = 0;
});

const QUESTION = "our flutter mobile app calls our own API";

/** A signed request; resolves once the app has finished with it. */
const post = harness.post.bind(harness);

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
    // Logged once per interval, then counted (receiver.ts): see "refusals in the log".
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

describe("signatures, checked by the screen (Bolt's own check is off: receiver.ts)", () => {
  const body = slashCommandBody(QUESTION, "https://hooks.slack.com/commands/x");
  const nowMs = Date.now();
  const seconds = Math.floor(nowMs / 1000);
  const key = signingKey(SIGNING_SECRET);
  const signed = (over: Partial<{ secret: string; timestamp: number; body: string }> = {}) =>
    signatureHeaders(over.body ?? body, { timestamp: over.timestamp ?? seconds, ...over });
  const bolt = (headers: Record<string, string>, text = body) => {
    try {
      verifySlackRequest({
        signingSecret: SIGNING_SECRET,
        body: text,
        nowMilliseconds: nowMs,
        headers: {
          "x-slack-signature": headers["x-slack-signature"] ?? "",
          "x-slack-request-timestamp": Number(headers["x-slack-request-timestamp"]),
        },
      });
      return true;
    } catch {
      return false;
    }
  };
  const ours = (headers: Record<string, string | string[]>, text = body) =>
    signatureProblem(headers, Buffer.from(text), key, nowMs) === undefined;

  it("agrees with Bolt's verifySlackRequest on what is signed and what is not", () => {
    const good = signed();
    const signature = good["x-slack-signature"] ?? "";
    const cases: [string, Record<string, string>, string][] = [
      ["correctly signed", good, body],
      ["signed 4 minutes ago", signed({ timestamp: seconds - 240 }), body],
      ["another secret", signed({ secret: "f".repeat(32) }), body],
      ["the body changed by one byte", good, `${body}x`],
      ["signed 6 minutes ago", signed({ timestamp: seconds - 360 }), body],
      ["no signature", { "x-slack-request-timestamp": String(seconds) }, body],
      ["version v1", { ...good, "x-slack-signature": signature.replace("v0", "v1") }, body],
      ["the signature cut short", { ...good, "x-slack-signature": signature.slice(0, 40) }, body],
      [
        "the signature's last digit changed",
        {
          ...good,
          "x-slack-signature": signature.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
        },
        body,
      ],
      ["no timestamp", { "x-slack-signature": signature }, body],
    ];
    for (const [what, headers, text] of cases) {
      expect(ours(headers, text), what).toBe(bolt(headers, text));
    }
    expect(ours(good)).toBe(true);
  });

  it("refuses what Bolt would let through: a future timestamp, a timestamp that is not digits", () => {
    expect(
      signatureProblem(signed({ timestamp: seconds + 360 }), Buffer.from(body), key, nowMs),
    ).toMatch(/ahead/);
    const odd = signatureHeaders(body, { timestamp: seconds });
    expect(ours({ ...odd, "x-slack-request-timestamp": `${seconds}.0` })).toBe(false);
    expect(ours({ ...odd, "x-slack-request-timestamp": [String(seconds), String(seconds)] })).toBe(
      false,
    );
  });

  it("a body with multi-byte characters is signed over its bytes, as Slack signs it", () => {
    const text = slashCommandBody("l'app mobile appelle notre API — ça marche ? 日本", "x");
    expect(ours(signed({ body: text }), text)).toBe(true);
  });

  it("an unsigned SSL check is answered, and nothing it smuggles in runs", async () => {
    const smuggled = new URLSearchParams({
      ssl_check: "1",
      command: "/scenario",
      text: QUESTION,
      response_url: slack.responseUrl("smuggled"),
      payload: JSON.stringify({ type: "block_actions", actions: [] }),
    }).toString();
    const res = await fetch(harness.eventsUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: smuggled,
    });
    await harness.app.idle();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    expect(recorded).toEqual([]);
    expect(slack.calls).toEqual([]);
    await stillServing();
  });

  it("a request signed with another secret gets 401 and nothing runs", async () => {
    const res = await post("form", slashCommandBody(QUESTION, slack.responseUrl("x")), {
      secret: "f".repeat(32),
    });
    await harness.app.idle();
    expect(res.status).toBe(401);
    expect(recorded).toEqual([]);
    await stillServing();
  });
});

describe("requests no listener handles", () => {
  /** An interaction payload as Slack posts it, from user U0000001 in team T0000001. */
  const interaction = (payload: Record<string, unknown>) =>
    new URLSearchParams({
      payload: JSON.stringify({
        token: "legacy-verification-token",
        api_app_id: "A0000001",
        team: { id: "T0000001", domain: "example" },
        user: { id: "U0000001", username: "ann", team_id: "T0000001" },
        ...payload,
      }),
    }).toString();
  const responseUrl = () => slack.responseUrl("unhandled");
  const message = { type: "message", text: "a private question", user: "U0000002", ts: "1.2" };

  it.each([
    [
      "an unknown action_id",
      {
        type: "block_actions",
        trigger_id: "1.2.3",
        response_url: responseUrl(),
        container: { type: "message", channel_id: "C0000001", message_ts: "1.2" },
        channel: { id: "C0000001", name: "general" },
        actions: [{ type: "button", action_id: "guide_next", block_id: "b1", action_ts: "1.3" }],
      },
      "block_actions guide_next",
    ],
    [
      "a view_closed",
      { type: "view_closed", view: { id: "V0000001", type: "modal", callback_id: "old_modal" } },
      "view_closed old_modal",
    ],
    [
      "a message shortcut",
      {
        type: "message_action",
        callback_id: "ask_advisor",
        trigger_id: "1.2.3",
        response_url: responseUrl(),
        channel: { id: "C0000001", name: "general" },
        message,
      },
      "message_action ask_advisor",
    ],
    [
      "a global shortcut",
      { type: "shortcut", callback_id: "ask_advisor_anywhere", trigger_id: "1.2.3" },
      "shortcut ask_advisor_anywhere",
    ],
    [
      "an options request",
      { type: "block_suggestion", action_id: "pick_scenario", block_id: "b1", value: "mob" },
      "block_suggestion pick_scenario",
    ],
  ])("%s: acknowledged, in one log line with no ids or text", async (_what, payload, kind) => {
    const res = await post("form", interaction(payload));
    expect(res.status).toBe(200);
    const logged = logger.lines
      .filter((l) => l.level !== "debug" && !TELEMETRY.test(l.text))
      .map((l) => l.text);
    expect(logged).toEqual([`No listener handles ${kind}: acknowledged`]);
    expect(logged.join("\n")).not.toMatch(/[UCTVA]000000\d|a private question/);
    expect(slack.calls).toEqual([]);
    expect(slack.responses).toEqual([]);
  });

  it("a view_submission for an unknown view: answered in the modal as out of date, logged without ids", async () => {
    const res = await post(
      "form",
      interaction({
        type: "view_submission",
        trigger_id: "1.2.3",
        view: { id: "V0000001", type: "modal", callback_id: "old_modal", state: { values: {} } },
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; view: unknown };
    expect(body.response_action).toBe("update");
    expect(JSON.stringify(body.view)).toContain("this form is out of date");
    const logged = logger.lines
      .filter((l) => l.level !== "debug" && !TELEMETRY.test(l.text))
      .map((l) => l.text);
    expect(logged).toEqual(["Answering view_submission old_modal: out of date"]);
    expect(slack.calls).toEqual([]);
  });

  it("an options request is answered with no options", async () => {
    const res = await post(
      "form",
      interaction({ type: "block_suggestion", action_id: "x", block_id: "b1", value: "mob" }),
    );
    expect(await res.json()).toEqual({ options: [] });
  });

  it("our own buttons are still handled by their listener, and acknowledged once", async () => {
    const res = await post(
      "form",
      interaction({
        type: "block_actions",
        response_url: responseUrl(),
        actions: [{ type: "button", action_id: "scenario_docs", block_id: "b1", url: "https://x" }],
      }),
    );
    expect(res.status).toBe(200);
    expect(logger.lines.filter((l) => l.level !== "debug" && !TELEMETRY.test(l.text))).toEqual([]);
  });

  it("a /scenario without user_id is answered, as from someone unknown", async () => {
    const body = new URLSearchParams(slashCommandBody(QUESTION, slack.responseUrl("cmd")));
    body.delete("user_id");
    const res = await post("form", body.toString());
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("Mobile");
    expect(logger.errors()).toEqual([]);
  });
});

describe("the log, even at debug level", () => {
  // Words no other line of the log could hold.
  const PRIVATE = "our kubernetes kiosk app for pharmacists calls our own API";
  const dm = () =>
    eventBody({
      type: "message",
      channel: "D0000001",
      channel_type: "im",
      user: "U0000001",
      text: PRIVATE,
      ts: "1700000000.000100",
    });

  it("holds no question text, no request or response bodies, no raw Slack ids", async () => {
    expect(harness.app.logger.getLevel()).toBe("debug");
    await post("json", dm());
    await post("form", slashCommandBody(PRIVATE, slack.responseUrl("cmd")));
    slack.fail("chat.postMessage", "ok:false");
    await post("json", dm());
    await post("form", slashCommandBody("stats", slack.responseUrl("cmd")));

    const log = logger.all();
    expect(log).toContain("Replying to a direct message failed: Slack API error");
    expect(log).not.toMatch(/kubernetes|pharmacists/);
    expect(log).not.toMatch(/\b[UCDT]0{3,}\d+\b/);
    expect(log).not.toMatch(/request body|request result|ack\(\) .*body/);
  });
});

describe("very long questions", () => {
  const CUT_NOTE = "Only the first 8,000 characters of your question were read.";

  it("a 3.9 MB /scenario is read to its first characters, says so, and only those are recorded", async () => {
    const text = `${QUESTION}. ${"and some more words about it ".repeat(135_000)}`;
    expect(text.length).toBeGreaterThan(3_900_000);
    const res = await post("form", slashCommandBody(text, slack.responseUrl("long")));
    expect(res.status).toBe(200);
    const answer = JSON.stringify(await res.json());
    expect(answer).toContain("Mobile");
    expect(answer).toContain(CUT_NOTE);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.question.length).toBeLessThanOrEqual(8_000);
  });

  it("a question that fits says nothing of the sort", async () => {
    const res = await post("form", slashCommandBody(QUESTION, slack.responseUrl("short")));
    expect(JSON.stringify(await res.json())).not.toContain(CUT_NOTE);
  });

  it("a mention past Slack's limit, with no match, says so too", async () => {
    const text = `${"zzz ".repeat(RAW_MAX_CHARS / 4)}mobile app calling our API`;
    await post(
      "json",
      eventBody({ type: "app_mention", channel: "C0000001", user: "U0000001", text, ts: "1.2" }),
    );
    const [reply] = slack.callsTo("chat.postMessage");
    expect(JSON.stringify(reply?.args.blocks)).toContain("couldn't find");
    expect(JSON.stringify(reply?.args.blocks)).toContain(CUT_NOTE);
  });
});

describe("refusals in the log", () => {
  it("one line per kind per interval, not one per request; no body, no query string", async () => {
    for (let i = 0; i < 20; i++) {
      expect((await post("json", "[]")).status).toBe(400);
      expect((await post("json", '{"x":"SECRET-BODY"', { secret: "f".repeat(32) })).status).toBe(
        401,
      );
    }
    const res = await fetch(`${harness.base}/unknown/path?token=xoxb-PASTED-TOKEN`);
    expect(res.status).toBe(404);
    const log = logger.all();
    // The first of its kind in this interval may have been logged by an earlier test already.
    expect(log.split("Refused a request").length - 1).toBeLessThanOrEqual(1);
    expect(log.split("Failed to parse").length - 1).toBeLessThanOrEqual(1);
    expect(log).not.toContain("SECRET-BODY");
    expect(log).not.toContain("PASTED-TOKEN");
    expect(log).toContain("/unknown/path");
  });
});

describe("receiverLogger", () => {
  it("logs the first refusal of each kind in an interval, then how many more there were", () => {
    let now = 0;
    const logger = new MemoryLogger();
    const log = receiverLogger(logger, () => now);
    for (let i = 0; i < 5; i++) log.warn("Refused a request: the body is not a JSON object");
    log.warn('Malformed request body: Unexpected token x in JSON at position 3 {"secret"');
    expect(logger.all()).toBe(
      ["Refused a request: the body is not a JSON object", "Malformed request body"].join("\n"),
    );
    now = REFUSALS_INTERVAL_MS;
    log.warn("Refused a request: the body is not a JSON object");
    expect(logger.all()).toContain(
      `Refused a request: 4 more in the last ${REFUSALS_INTERVAL_MS / 1000} s`,
    );
    log.info("Unhandled HTTP request (GET) made to /x?token=abc");
    expect(logger.all()).toContain("made to /x");
    expect(logger.all()).not.toContain("abc");
  });
});
