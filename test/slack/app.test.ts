/**
 * The real Bolt app over HTTP on loopback, with signed requests, talking to a fake Slack.
 * After each request, `idle()` waits for the handlers still running, so nothing here waits on
 * time: a reply that did not happen by then will never happen.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Catalog } from "../../src/catalog/types.js";
import { Recommender } from "../../src/matching/recommender.js";
import type { Search } from "../../src/matching/types.js";
import { GUIDE } from "../../src/slack/blocks/guide-modal.js";
import { ACTION, encodeButtonValue } from "../../src/slack/buttons.js";
import { DISABLED_RECORDER, type Recorder } from "../../src/store/types.js";
import { recommend } from "../helpers/recommend.js";
import { modalProblems } from "./helpers/block-kit.js";
import { BOT_ID, BOT_USER_ID } from "./helpers/fake-slack.js";
import { bundledCatalog, useSlackHarness } from "./helpers/harness.js";
import {
  type blockActionsBody,
  eventBody,
  openedMetadata,
  sealedMetadata,
  slashCommandBody,
  viewSubmissionBody,
} from "./helpers/signed.js";

type Json = Record<string, unknown>;

/** The real recommender, counting its calls and able to blow up on demand. */
class ProbeRecommender {
  calls = 0;
  explode = false;
  readonly #real: Recommender;
  constructor(catalog: Catalog) {
    this.#real = new Recommender(catalog);
  }
  search(text: string): Search {
    this.calls += 1;
    if (this.explode) throw new Error("boom from the recommender");
    return this.#real.search(text);
  }
}

const catalog = bundledCatalog();
const reference = new Recommender(catalog);
const recommender = new ProbeRecommender(catalog);
const harness = useSlackHarness({ recommender });
const { slack, logger } = harness;
let startupCalls: string[];

/** A catalog example the matcher answers surely (no close call) with the scenario it belongs to. */
const sample = catalog.scenarios.flatMap((scenario) => {
  const question = scenario.examples.find((q) => {
    const r = recommend(reference, q);
    return r.match?.scenario.id === scenario.id && r.confidence === "high";
  });
  return question === undefined ? [] : [{ scenario, question }];
})[0];
if (sample === undefined) throw new Error("no catalog example matches its own scenario");
const { question } = sample;
const expected = recommend(reference, question);

beforeAll(() => {
  // What the app called while starting (the harness's own beforeAll ran first).
  startupCalls = slack.calls.map((c) => c.method);
});

afterEach(() => {
  recommender.calls = 0;
  recommender.explode = false;
});

const command = (text: string, responseUrl?: string) => harness.command(text, responseUrl);

const event = (ev: Json, headers: Record<string, string> = {}, eventId?: string) =>
  harness.event(ev, { headers, ...(eventId !== undefined && { eventId }) });

const click = (opts: Parameters<typeof blockActionsBody>[0]) => harness.click(opts);

/** Clicks a button found in a message, with what it carries. */
function press(
  button: Json | undefined,
  opts: Omit<Parameters<typeof click>[0], "actionId" | "value">,
) {
  return click({ actionId: String(button?.action_id), value: String(button?.value), ...opts });
}

function dm(overrides: Json = {}): Json {
  return {
    type: "message",
    channel: "D0000001",
    channel_type: "im",
    user: "U0000001",
    text: question,
    ts: "1700000000.000100",
    event_ts: "1700000000.000100",
    ...overrides,
  };
}

const headerOf = (blocks: unknown) => ((blocks as Json[])[0]?.text as Json | undefined)?.text;
const buttonsOf = (blocks: unknown) =>
  (blocks as Json[]).flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : []));
const buttonValue = (blocks: unknown, actionId: string) =>
  buttonsOf(blocks).find((b) => b.action_id === actionId)?.value as string;

describe("start-up and plumbing", () => {
  it("checked the bot token with auth.test before listening", () => {
    expect(startupCalls).toEqual(["auth.test"]);
  });

  it("answers Slack's url_verification challenge", async () => {
    const res = await harness.post(
      "json",
      JSON.stringify({ type: "url_verification", challenge: "c-123", token: "t" }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });

  it("GET /healthz reports the scenarios loaded", async () => {
    const res = await fetch(`${harness.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      scenarios: catalog.scenarios.length,
      recording: { state: "off", pending: 0, dropped: 0, reopened: 0 },
    });
  });

  it("GET /healthz counts reopened databases, and shows no path or error", async () => {
    const recorder: Recorder = {
      ...DISABLED_RECORDER,
      health: () => ({
        state: "degraded",
        pending: 2,
        dropped: 0,
        lastError: "SQLITE_IOERR at /var/lib/advisor/records.db",
        reopened: 3,
        lastReopen: "2026-11-25T10:00:00Z /var/lib/advisor/records.db was replaced",
      }),
    };
    const other = await harness.other({ recorder });
    const res = await fetch(`${other.base}/healthz`);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      status: "degraded",
      scenarios: catalog.scenarios.length,
      recording: { state: "degraded", pending: 2, dropped: 0, reopened: 3 },
    });
    expect(text).not.toMatch(/advisor|SQLITE|replaced/);
  });
});

describe("/scenario", () => {
  it("acks with an ephemeral answer for the matching scenario", async () => {
    const { status, body } = await command(question);
    expect(status).toBe(200);
    expect(body.response_type).toBe("ephemeral");
    expect(headerOf(body.blocks)).toBe(expected.match?.scenario.title);
    expect(body.text.length).toBeGreaterThan(0);
    const ids = buttonsOf(body.blocks).map((b) => b.action_id);
    expect(ids).toEqual(expect.arrayContaining([ACTION.docs, ACTION.share, ACTION.helpful]));
    expect(ids.filter((id) => String(id).startsWith(ACTION.pick))).toHaveLength(
      expected.alternatives.length,
    );
    // The answer is the HTTP response itself; nothing else is sent.
    expect(slack.calls).toEqual([]);
  });

  it("shows the question back without its mentions, escaped, never as a live broadcast", async () => {
    const { body } = await command(`<!channel> <!here> <@U999|eve> &lt;!everyone&gt; ${question}`);
    const shown = JSON.stringify(body.blocks.filter((b) => b.type === "context"));
    expect(shown).toContain(`You asked: &lt;!everyone&gt; ${question.slice(0, 20)}`);
    expect(shown).not.toMatch(/<[!@]|@eve|@channel|@here/);
  });

  it("a recommender that throws: acked at once with an apology, and logged", async () => {
    recommender.explode = true;
    const started = Date.now();
    const { status, body } = await command(question);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(status).toBe(200);
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toContain("Sorry, something went wrong");
    expect(logger.errors().join("\n")).toContain(
      "Answering a question on command failed: boom from the recommender",
    );
    expect(logger.all()).not.toContain(question);
  });

  it("alone or with help: usage with examples", async () => {
    for (const text of ["", "help"]) {
      const { body } = await command(text);
      expect(body.response_type).toBe("ephemeral");
      expect(JSON.stringify(body.blocks)).toContain("/scenario list");
    }
  });

  it("list: every scenario with its summary and link", async () => {
    const { body } = await command("list");
    const text = JSON.stringify(body.blocks);
    for (const s of catalog.scenarios) {
      expect(text).toContain(`https://auth0.com/docs${s.docsPath}|`);
    }
  });

  it("no match: says so, suggests how to ask and lists the scenarios", async () => {
    const { body } = await command("xylophone quantum banana");
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("couldn't find");
    expect(text).toContain("Try describing");
    for (const s of catalog.scenarios) expect(text).toContain(s.docsPath);
    // The guided chooser is offered, opening where the answer was shown.
    const guide = buttonsOf(body.blocks).find((b) => b.action_id === GUIDE.open);
    expect(guide?.value).toBe("ephemeral");
    // Chatter gets no "Closest" cards.
    expect(text).not.toContain("Closest:");
  });

  it("a whole-message thanks gets a short reply, not the no-match answer", async () => {
    const { body } = await command("thanks!");
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("You're welcome");
    expect(text).not.toContain("couldn't find");
    expect(buttonsOf(body.blocks)).toEqual([]);
  });
});

describe("buttons", () => {
  it("picking an alternative replaces the answer message with that scenario", async () => {
    const { body } = await command(question);
    const alternative = expected.alternatives[0]?.scenario;
    const res = await click({
      actionId: `${ACTION.pick}_0`,
      value: buttonValue(body.blocks, `${ACTION.pick}_0`),
      responseUrl: slack.responseUrl("pick"),
      ephemeral: true,
    });
    expect(res.status).toBe(200);
    expect(slack.responses).toHaveLength(1);
    const reply = slack.responses[0]?.body as Json;
    expect(reply.replace_original).toBe(true);
    expect(headerOf(reply.blocks)).toBe(alternative?.title);
    expect(JSON.stringify(reply.blocks)).toContain("you picked it from the alternatives");
    // The original match is now among the alternatives, and the message can still be shared.
    expect(buttonsOf(reply.blocks).map((b) => b.text)).toContainEqual(
      expect.objectContaining({ text: expected.match?.scenario.title }),
    );
    expect(buttonValue(reply.blocks, ACTION.share)).toBeDefined();

    // Picking the match back shows the answer as it was given, with its why.
    await click({
      actionId: `${ACTION.pick}_0`,
      value: buttonValue(reply.blocks, `${ACTION.pick}_0`),
      responseUrl: slack.responseUrl("pick-back"),
      ephemeral: true,
    });
    const back = slack.responses[1]?.body as Json;
    expect(headerOf(back.blocks)).toBe(expected.match?.scenario.title);
    expect(JSON.stringify(back.blocks)).toContain("your question mentions");
  });

  it("Share in channel posts the answer publicly, says who asked, and removes the ephemeral", async () => {
    const { body } = await command(question);
    await click({
      actionId: ACTION.share,
      value: buttonValue(body.blocks, ACTION.share),
      responseUrl: slack.responseUrl("share"),
      ephemeral: true,
    });
    expect(slack.responses.map((r) => r.body.response_type ?? "delete")).toEqual([
      "in_channel",
      "delete",
    ]);
    const [shared, removed] = slack.responses.map((r) => r.body);
    expect(shared?.replace_original).toBe(false);
    expect(headerOf(shared?.blocks)).toBe(expected.match?.scenario.title);
    expect(JSON.stringify(shared?.blocks)).toContain("<@U0000001> asked:");
    const ids = buttonsOf(shared?.blocks).map((b) => b.action_id);
    expect(ids).not.toContain(ACTION.share);
    expect(ids.some((id) => String(id).startsWith(ACTION.pick))).toBe(false);
    expect(removed).toEqual({ delete_original: true });
  });

  it("Helpful, Not quite and None of these are acknowledged to the clicker only", async () => {
    const { body } = await command(question);
    for (const actionId of [ACTION.helpful, ACTION.notQuite, ACTION.noneOfThese]) {
      await click({
        actionId,
        value: buttonValue(body.blocks, actionId),
        responseUrl: slack.responseUrl(actionId),
        ephemeral: true,
      });
    }
    expect(
      slack.responses.map((r) => [r.id, r.body.response_type, r.body.replace_original]),
    ).toEqual([
      [ACTION.helpful, "ephemeral", false],
      [ACTION.notQuite, "ephemeral", false],
      [ACTION.noneOfThese, "ephemeral", false],
    ]);
  });

  it("a docs link button is acknowledged and nothing else happens", async () => {
    const res = await click({
      actionId: ACTION.docs,
      url: "https://auth0.com/docs/x",
      responseUrl: slack.responseUrl("docs"),
      ephemeral: false,
    });
    expect(res.status).toBe(200);
    expect(slack.responses).toEqual([]);
    expect(slack.calls).toEqual([]);
  });

  it("a button for a scenario that left the catalog, or from an older version, says so", async () => {
    const { body } = await command(question);
    const value = JSON.parse(buttonValue(body.blocks, `${ACTION.pick}_0`));
    for (const stale of [
      JSON.stringify({ ...value, s: "no-such-scenario" }),
      JSON.stringify({ s: expected.match?.scenario.id, q: question }),
    ]) {
      slack.reset();
      await click({
        actionId: `${ACTION.pick}_0`,
        value: stale,
        responseUrl: slack.responseUrl("stale"),
        ephemeral: true,
      });
      expect(JSON.stringify(slack.responses[0]?.body)).toContain("That answer is out of date");
    }
  });

  it("More opens the card's body in full in a modal, with the click's trigger_id", async () => {
    const { body } = await command(question);
    const shown = expected.match?.scenario;
    await click({
      actionId: ACTION.more,
      value: buttonValue(body.blocks, ACTION.more),
      responseUrl: slack.responseUrl("more"),
      ephemeral: true,
    });
    const [open] = slack.callsTo("views.open");
    expect(open?.args.trigger_id).toBe("1.2.3");
    const modal = open?.args.view as Json;
    expect(modalProblems(modal)).toEqual([]);
    const text = JSON.stringify(modal.blocks);
    for (const heading of ["When it fits", "How it works", "How it differs from its neighbours"]) {
      expect(text).toContain(heading);
    }
    // The flow's steps and the neighbours, as the card has them.
    const steps = (shown?.body ?? "").split("\n").filter((l) => /^(\d+\.|-) /.test(l));
    expect(steps.length).toBeGreaterThan(2);
    const plainText = text.replace(/[*_`]/g, "");
    for (const step of steps) {
      expect(plainText).toContain(
        step
          .replace(/^(\d+\.|-) /, "")
          .replace(/[*_`]/g, "")
          .slice(0, 40),
      );
    }
    expect(slack.responses).toEqual([]);
  });

  it("More naming a scenario not in the catalog opens nothing: an ephemeral and a log line", async () => {
    const { body } = await command(question);
    const value = JSON.parse(buttonValue(body.blocks, ACTION.more));
    await click({
      actionId: ACTION.more,
      value: JSON.stringify({ ...value, s: "no-such-scenario" }),
      responseUrl: slack.responseUrl("more-stale"),
      ephemeral: true,
    });
    expect(slack.callsTo("views.open")).toEqual([]);
    expect(JSON.stringify(slack.responses[0]?.body)).toContain("That answer is out of date");
    const logged = logger.lines.map((l) => l.text).join("\n");
    expect(logged).toContain("Refused a More button");
    expect(logged).not.toContain("no-such-scenario");
  });

  /** A Pick button's value, written as the app writes it, independent of the matcher. */
  const pickValue = (scenarioId: string) => {
    const [m, o1, o2] = catalog.scenarios.map((scenario) => ({ scenario, score: 0.5 }));
    if (m === undefined || o1 === undefined || o2 === undefined) throw new Error("too few cards");
    return encodeButtonValue({
      scenarioId,
      answer: {
        id: "ans-1",
        question: { raw: question, text: question, cut: false },
        match: m,
        alternatives: [o1, o2],
        why: [],
        confidence: "low",
        ambiguous: true,
        also: null,
        clarify: null,
      },
    }) as string;
  };
  const ids = () => catalog.scenarios.map((c) => c.id);

  it("a forged pick naming none of the answer's own options is refused", async () => {
    const stranger = String(ids()[3]);
    await click({
      actionId: `${ACTION.pick}_0`,
      value: pickValue(stranger),
      responseUrl: slack.responseUrl("forged"),
      ephemeral: true,
    });
    expect(slack.responses).toHaveLength(1);
    expect(slack.responses[0]?.body).toMatchObject({ replace_original: false });
    expect(JSON.stringify(slack.responses[0]?.body)).toContain("That answer is out of date");
  });

  it("a pick whose value is not on the message it comes from is refused", async () => {
    const real = pickValue(String(ids()[1]));
    const messageBlocks = [
      {
        type: "actions",
        elements: [{ type: "button", action_id: `${ACTION.pick}_0`, value: real }],
      },
    ];
    const dmClick = {
      actionId: `${ACTION.pick}_0`,
      responseUrl: slack.responseUrl("dm-pick"),
      ephemeral: false,
      channel: "D0000001",
      messageBlocks,
    };
    // Another of the answer's options, but not the button on this message.
    await click({ ...dmClick, value: pickValue(String(ids()[2])) });
    expect(JSON.stringify(slack.responses[0]?.body)).toContain("That answer is out of date");
    // The real button still works, replacing the DM's message.
    slack.reset();
    await click({ ...dmClick, value: real });
    expect(slack.responses[0]?.body).toMatchObject({ replace_original: true });
  });

  it("a pick on a public message never replaces it: the clicker alone gets the card", async () => {
    await click({
      actionId: `${ACTION.pick}_0`,
      value: pickValue(String(ids()[1])),
      responseUrl: slack.responseUrl("public-pick"),
      ephemeral: false,
      channel: "C0000001",
    });
    expect(slack.responses).toHaveLength(1);
    expect(slack.responses[0]?.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    expect(JSON.stringify(slack.responses[0]?.body)).not.toContain("That answer is out of date");
  });

  it("a click never matches again: it shows the answer its button carries", async () => {
    const { body } = await command(question);
    recommender.calls = 0;
    for (const actionId of [`${ACTION.pick}_0`, ACTION.share, ACTION.helpful]) {
      await click({
        actionId,
        value: buttonValue(body.blocks, actionId),
        responseUrl: slack.responseUrl(actionId),
        ephemeral: true,
      });
    }
    expect(recommender.calls).toBe(0);
  });

  it("a long question shared keeps its answer and why-line, however its beginning reads", async () => {
    // The whole question is about a backend job; its first 1,600 characters only about a
    // mobile app. Buttons used to carry the question cut there and match it again.
    const long =
      "Our Flutter mobile app calls our own API. " +
      "and then, and so on, ".repeat(90) +
      "But really the question is about our nightly cron job: a backend service that calls " +
      "our API with no user present, machine to machine, client credentials.";
    const whole = recommend(reference, long);
    expect(whole.match?.scenario.id).not.toBe(
      recommend(reference, long.slice(0, 1600)).match?.scenario.id,
    );

    const { body } = await command(long);
    expect(headerOf(body.blocks)).toBe(whole.match?.scenario.title);
    const whyLine = JSON.stringify(body.blocks).match(/\*Why:\*[^"]*/)?.[0];
    expect(whyLine).toContain("your question mentions");
    await click({
      actionId: ACTION.share,
      value: buttonValue(body.blocks, ACTION.share),
      responseUrl: slack.responseUrl("share"),
      ephemeral: true,
    });
    const shared = slack.responses[0]?.body;
    expect(headerOf(shared?.blocks)).toBe(whole.match?.scenario.title);
    expect(JSON.stringify(shared?.blocks)).toContain(whyLine);
    expect(JSON.stringify(shared?.blocks)).not.toContain("you picked it");
  });
});

describe("mentions", () => {
  const mention = (overrides: Json = {}): Json => ({
    type: "app_mention",
    channel: "C0000001",
    user: "U0000001",
    text: `<@${BOT_USER_ID}> ${question}`,
    ts: "1700000000.000500",
    event_ts: "1700000000.000500",
    ...overrides,
  });

  it("replies in a new thread under the mention, without the bot mention or ephemeral buttons", async () => {
    const res = await event(mention());
    expect(res.status).toBe(200);
    const [post] = slack.callsTo("chat.postMessage");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(post?.args.channel).toBe("C0000001");
    expect(post?.args.thread_ts).toBe("1700000000.000500");
    expect(post?.authorization).toBe("Bearer xoxb-test-token");
    expect(headerOf(post?.args.blocks)).toBe(expected.match?.scenario.title);
    expect(String(post?.args.text).length).toBeGreaterThan(0);
    const shown = JSON.stringify(post?.args.blocks);
    expect(shown).toContain(`You asked: ${question.slice(0, 20)}`);
    expect(shown).not.toContain(BOT_USER_ID);
    const ids = buttonsOf(post?.args.blocks).map((b) => String(b.action_id));
    expect(ids).not.toContain(ACTION.share);
    expect(ids.some((id) => id.startsWith(ACTION.pick))).toBe(false);
  });

  it("replies in the mention's thread when it is in one", async () => {
    await event(mention({ thread_ts: "1699999999.000001" }));
    expect(slack.callsTo("chat.postMessage")[0]?.args.thread_ts).toBe("1699999999.000001");
  });

  it("stats: only the asker sees the reply, admins-only here (ADMIN_USER_IDS is empty)", async () => {
    await event(mention({ text: `<@${BOT_USER_ID}> stats` }));
    expect(slack.callsTo("chat.postMessage")).toEqual([]);
    const [post] = slack.callsTo("chat.postEphemeral");
    expect(post?.args).toMatchObject({ channel: "C0000001", user: "U0000001" });
    expect(String(post?.args.text)).toContain("is for the app's admins");
    expect(recommender.calls).toBe(0);
  });

  it("a bare mention gets the help", async () => {
    await event(mention({ text: `<@${BOT_USER_ID}>` }));
    expect(JSON.stringify(slack.callsTo("chat.postMessage")[0]?.args.blocks)).toContain(
      "/scenario list",
    );
  });
});

describe("direct messages", () => {
  it("answers in the DM", async () => {
    await event(dm());
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe("D0000001");
    expect(posts[0]?.args.thread_ts).toBeUndefined();
    expect(headerOf(posts[0]?.args.blocks)).toBe(expected.match?.scenario.title);
  });

  it("answers in the thread when the DM is in one", async () => {
    await event(dm({ thread_ts: "1699999999.000009" }));
    expect(slack.callsTo("chat.postMessage")[0]?.args.thread_ts).toBe("1699999999.000009");
  });

  it("stats is the stats, as with /scenario stats: admins-only for others", async () => {
    await event(dm({ text: "stats" }));
    const [post] = slack.callsTo("chat.postMessage");
    expect(String(post?.args.text)).toContain("is for the app's admins");
    expect(recommender.calls).toBe(0);
  });

  it("list and help are the list and the help", async () => {
    await event(dm({ text: "list" }));
    await event(dm({ text: "help" }), {}, "EvHelp");
    const [list, help] = slack.callsTo("chat.postMessage");
    expect(String(list?.args.text)).toMatch(/^\d+ Auth0 architecture scenarios$/);
    expect(JSON.stringify(help?.args.blocks)).toContain("How to ask");
    expect(recommender.calls).toBe(0);
  });

  it("a greeting gets a short intro with examples, not a scenario", async () => {
    await event(dm({ text: "Hello there!" }));
    const [post] = slack.callsTo("chat.postMessage");
    expect(String(post?.args.text)).toMatch(/^Hi!/);
    const blocks = (post?.args.blocks ?? []) as Json[];
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.some((b) => b.type === "header")).toBe(false);
    expect(recommender.calls).toBe(0);
  });

  it.each([
    ["the app itself", { user: BOT_USER_ID, bot_id: BOT_ID }],
    ["another bot, without a subtype", { bot_id: "B0000009", user: "U0000009" }],
    ["a bot_message", { subtype: "bot_message", bot_id: "B0000009" }],
    ["an edit", { subtype: "message_changed" }],
    ["a deletion", { subtype: "message_deleted" }],
    ["a file share", { subtype: "file_share" }],
    ["a thread broadcast", { subtype: "thread_broadcast" }],
    ["a channel message", { channel: "C0000001", channel_type: "channel" }],
  ])("ignores %s", async (_what, overrides) => {
    const res = await event(dm(overrides));
    expect(res.status).toBe(200);
    expect(slack.calls).toEqual([]);
    expect(recommender.calls).toBe(0);
  });
});

describe("App Home", () => {
  it("publishes the home view with the whole catalog", async () => {
    await event({ type: "app_home_opened", user: "U0000001", channel: "D0000001", tab: "home" });
    const [publish] = slack.callsTo("views.publish");
    expect(publish?.args.user_id).toBe("U0000001");
    const view = publish?.args.view as Json;
    expect(view.type).toBe("home");
    const text = JSON.stringify(view.blocks);
    for (const s of catalog.scenarios) expect(text).toContain(s.docsPath);
  });

  it("does nothing when the Messages tab is opened", async () => {
    await event({
      type: "app_home_opened",
      user: "U0000001",
      channel: "D0000001",
      tab: "messages",
    });
    expect(slack.calls).toEqual([]);
  });
});

describe("Slack's rules", () => {
  it("a retried delivery (X-Slack-Retry-Num) produces no second reply", async () => {
    const first = await event(dm(), {}, "EvRetry1");
    const retry = await event(
      dm(),
      { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      "EvRetry1",
    );
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(recommender.calls).toBe(1);
  });

  it("a retry whose first delivery never arrived is still answered, once", async () => {
    const retryHeaders = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_error" };
    await event(dm(), retryHeaders, "EvLostFirst");
    await event(dm(), { ...retryHeaders, "x-slack-retry-num": "2" }, "EvLostFirst");
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("a bad signature gets 401 and nothing runs", async () => {
    const res = await harness.post("json", eventBody(dm()), { secret: "f".repeat(32) });
    await harness.app.idle();
    expect(res.status).toBe(401);
    expect(slack.calls).toEqual([]);
    expect(recommender.calls).toBe(0);
  });

  it("a timestamp older than 5 minutes gets 401 and nothing runs, even correctly signed", async () => {
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await harness.post("form", slashCommandBody(question, slack.responseUrl("x")), {
      timestamp,
    });
    await harness.app.idle();
    expect(res.status).toBe(401);
    expect(recommender.calls).toBe(0);
  });

  it("an unsigned request gets 401", async () => {
    const res = await fetch(harness.eventsUrl, { method: "POST", body: eventBody(dm()) });
    expect(res.status).toBe(401);
  });

  it.each([
    ["ok:false", "Slack API error: channel_not_found", 1],
    [500, "HTTP error from Slack: 500", 3],
    [429, "rate limited by Slack, retry after 7s", 1],
  ] as const)(
    "a Web API failure (%s) is logged with context and the app keeps serving",
    async (failure, logged, attempts) => {
      slack.fail("chat.postMessage", failure);
      const res = await event(dm());
      expect(res.status).toBe(200);
      expect(slack.callsTo("chat.postMessage")).toHaveLength(attempts);
      const [line, ...others] = logger.errors();
      expect(others).toEqual([]);
      expect(line).toContain(`Replying to a direct message failed: ${logged}`);
      // The channel as a reference that matches within this run, never the id itself.
      expect(line).toMatch(/"channel":"#[0-9a-f]{10}"/);
      expect(line).not.toContain("D0000001");
      expect(logger.all()).not.toContain("xoxb-test-token");

      slack.reset();
      await event(dm());
      expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    },
  );

  it("a failing response_url is logged and the app keeps serving", async () => {
    const { body } = await command(question);
    slack.fail("share", 500);
    await click({
      actionId: ACTION.share,
      value: buttonValue(body.blocks, ACTION.share),
      responseUrl: slack.responseUrl("share"),
      ephemeral: true,
    });
    // The public post failed, so the ephemeral answer is left in place.
    expect(slack.responses).toHaveLength(1);
    expect(logger.errors().join("\n")).toContain("Sharing the answer in the channel failed");
    const { status } = await command("list");
    expect(status).toBe(200);
  });

  it("a failing views.publish is logged", async () => {
    slack.fail("views.publish", "ok:false");
    await event({ type: "app_home_opened", user: "U0000001", channel: "D0000001", tab: "home" });
    expect(logger.errors().join("\n")).toContain("Publishing the Home tab failed");
  });

  it("a recommender that throws: the DM gets an apology, the error is logged, the app keeps serving", async () => {
    recommender.explode = true;
    const res = await event(dm());
    expect(res.status).toBe(200);
    const [apology] = slack.callsTo("chat.postMessage");
    expect(String(apology?.args.text)).toContain("Sorry, something went wrong");
    expect(logger.errors().join("\n")).toContain(
      "Answering a question on dm failed: boom from the recommender",
    );
    recommender.explode = false;
    slack.reset();
    await event(dm());
    expect(headerOf(slack.callsTo("chat.postMessage")[0]?.args.blocks)).toBe(
      expected.match?.scenario.title,
    );
  });
});

/** Questions the shipped matcher answers with a best guess, and with both axes. */
const AUDIENCE_OPEN = "sign-in for our team and our clients";
const BOTH_SIDES = "SaaS customers with their own Okta, React front end";

describe("the clarifying question", () => {
  const clarifyButtons = (blocks: unknown) =>
    buttonsOf(blocks).filter((b) => String(b.action_id).startsWith(ACTION.clarify));

  it("a best guess between audiences asks who signs in, one button per audience card", async () => {
    const { body } = await command(AUDIENCE_OPEN);
    const text = JSON.stringify(body.blocks);
    expect(text).toContain("*Who signs in?* Tell me, and I'll narrow it down.");
    expect(clarifyButtons(body.blocks).map((b) => (b.text as Json).text)).toEqual([
      "Your employees",
      "Your business customers' people",
      "Both",
      "The public",
    ]);
    // The audiences are the question's buttons, not "Also consider" picks as well.
    const picks = buttonsOf(body.blocks).filter((b) => String(b.action_id).startsWith(ACTION.pick));
    expect(picks).toEqual([]);
  });

  it("a click refines the ephemeral answer in place, keeps the question, and asks no more", async () => {
    const { body } = await command(AUDIENCE_OPEN);
    const [employees] = clarifyButtons(body.blocks);
    await press(employees, {
      responseUrl: slack.responseUrl("clarify"),
      ephemeral: true,
    });
    expect(slack.responses).toHaveLength(1);
    const reply = slack.responses[0]?.body as Json;
    expect(reply).toMatchObject({ replace_original: true });
    expect(reply.response_type).toBeUndefined();
    expect(headerOf(reply.blocks)).toBe(catalog.get("b2e")?.title);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain(`You asked: ${AUDIENCE_OPEN}`);
    expect(text).toContain("*Why:* you answered “Who signs in?” with “Your employees”.");
    expect(clarifyButtons(reply.blocks)).toEqual([]);
    // Still the ephemeral answer: it can be shared.
    expect(buttonValue(reply.blocks, ACTION.share)).toBeDefined();
    expect(recommender.calls).toBe(1);
  });

  it("in a DM the bot's message is replaced; in a public thread the clicker alone gets it", async () => {
    await event(dm({ text: AUDIENCE_OPEN }));
    const [post] = slack.callsTo("chat.postMessage");
    const business = clarifyButtons(post?.args.blocks)[1];
    await press(business, {
      responseUrl: slack.responseUrl("dm-clarify"),
      ephemeral: false,
      channel: "D0000001",
    });
    const inDm = slack.responses[0]?.body as Json;
    expect(inDm.replace_original).toBe(true);
    expect(headerOf(inDm.blocks)).toBe(catalog.get("b2b")?.title);

    slack.reset();
    await event({
      type: "app_mention",
      channel: "C0000001",
      user: "U0000001",
      text: `<@${BOT_USER_ID}> ${AUDIENCE_OPEN}`,
      ts: "1700000000.000600",
      event_ts: "1700000000.000600",
    });
    const [reply] = slack.callsTo("chat.postMessage");
    const both = clarifyButtons(reply?.args.blocks)[2];
    await press(both, {
      responseUrl: slack.responseUrl("public-clarify"),
      ephemeral: false,
    });
    const whisper = slack.responses[0]?.body as Json;
    expect(whisper).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(headerOf(whisper.blocks)).toBe(catalog.get("b2b-b2e")?.title);
  });

  it("a sure answer asks nothing", async () => {
    const { body } = await command(question);
    expect(expected.confidence).toBe("high");
    expect(clarifyButtons(body.blocks)).toEqual([]);
  });
});

describe("answers that cover both sides", () => {
  it("lead with the better fit and add an Also applies line, linked, with its summary", async () => {
    const { body } = await command(BOTH_SIDES);
    expect(headerOf(body.blocks)).toBe(catalog.get("spa-api")?.title);
    const b2b = catalog.get("b2b");
    expect(JSON.stringify(body.blocks)).toContain(
      JSON.stringify(
        `*Also applies:* <https://auth0.com/docs${b2b?.docsPath}|${b2b?.title}> — ${b2b?.summary}`,
      ).slice(1, -1),
    );
    // A share keeps it.
    await click({
      actionId: ACTION.share,
      value: buttonValue(body.blocks, ACTION.share),
      responseUrl: slack.responseUrl("share-both"),
      ephemeral: true,
    });
    expect(JSON.stringify(slack.responses[0]?.body.blocks)).toContain("*Also applies:*");
  });
});

/** Posts a signed view_submission and returns the HTTP response's JSON (or null when empty). */
async function submit(view: Parameters<typeof viewSubmissionBody>[0]) {
  const res = await harness.post("form", viewSubmissionBody(view));
  const text = await res.text();
  await harness.app.idle();
  return { status: res.status, body: text === "" ? null : (JSON.parse(text) as Json) };
}

const choose = (app?: string, audience?: string, text?: string) => ({
  [GUIDE.block.app]: {
    [GUIDE.action.app]: { type: "radio_buttons", selected_option: app ? { value: app } : null },
  },
  [GUIDE.block.audience]: {
    [GUIDE.action.audience]: {
      type: "radio_buttons",
      selected_option: audience ? { value: audience } : null,
    },
  },
  [GUIDE.block.text]: { [GUIDE.action.text]: { type: "plain_text_input", value: text ?? null } },
});

describe("the guided chooser", () => {
  it("/scenario guide opens the modal at once with the command's trigger_id", async () => {
    const res = await harness.post("form", slashCommandBody("guide", slack.responseUrl("guide")));
    await harness.app.idle();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    const [open] = slack.callsTo("views.open");
    expect(open?.args.trigger_id).toBe("1.2.3");
    const view = open?.args.view as Json;
    expect(view).toMatchObject({ type: "modal", callback_id: GUIDE.callbackId });
    expect(openedMetadata(view.private_metadata)).toEqual({
      to: "ephemeral",
      channel: "C0000001",
      by: "U0000001",
    });
    const inputs = (view.blocks as Json[]).filter((b) => b.type === "input");
    expect(inputs.map((b) => [b.block_id, b.optional])).toEqual([
      [GUIDE.block.app, true],
      [GUIDE.block.audience, true],
      [GUIDE.block.text, true],
    ]);
    expect(slack.responses).toEqual([]);
  });

  it("when the modal cannot open, /scenario guide offers its button instead", async () => {
    slack.fail("views.open", "ok:false", "expired_trigger_id");
    await harness.post("form", slashCommandBody("guide", slack.responseUrl("g")));
    await harness.app.idle();
    const [fallback] = slack.responses;
    expect(fallback?.body.response_type).toBe("ephemeral");
    expect(buttonsOf(fallback?.body.blocks).map((b) => b.action_id)).toEqual([GUIDE.open]);
    expect(logger.errors().join("\n")).toContain("Opening the guided chooser failed");
  });

  it("a submission answers in the channel, ephemeral: the app card with the audience card as Also applies", async () => {
    const { status, body } = await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata({ to: "ephemeral", channel: "C0000001", by: "U0000001" }),
      values: choose("spa", "business"),
    });
    expect([status, body]).toEqual([200, null]);
    const [post] = slack.callsTo("chat.postEphemeral");
    expect(post?.args).toMatchObject({ channel: "C0000001", user: "U0000001" });
    expect(headerOf(post?.args.blocks)).toBe(catalog.get("spa-api")?.title);
    const text = JSON.stringify(post?.args.blocks);
    expect(text).toContain(
      "*Why:* you chose “Single-page app” and “Your business customers' people”.",
    );
    expect(text).toContain(
      `*Also applies:* <https://auth0.com/docs${catalog.get("b2b")?.docsPath}|`,
    );
    expect(text).not.toContain("You asked");
    expect(recommender.calls).toBe(0);
  });

  it("one question is enough; a description fills the other when the matcher reads it there", async () => {
    await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata({ to: "dm" }),
      values: choose(GUIDE.notSure, "employees", "an Angular front end calling our API"),
    });
    // to: dm posts to the user's id: Slack opens the DM with the app.
    const [post] = slack.callsTo("chat.postMessage");
    expect(post?.args.channel).toBe("U0000001");
    expect(headerOf(post?.args.blocks)).toBe(catalog.get("spa-api")?.title);
    const text = JSON.stringify(post?.args.blocks);
    expect(text).toContain("You asked: an Angular front end calling our API");
    expect(text).toContain("*Why:* you chose “Your employees”.");
    expect(text).toContain(`|${catalog.get("b2e")?.title}>`);
  });

  it("works with no description, on one question", async () => {
    await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata({ to: "dm" }),
      values: choose("service"),
    });
    const [post] = slack.callsTo("chat.postMessage");
    expect(headerOf(post?.args.blocks)).toBe(catalog.get("server-api")?.title);
    expect(JSON.stringify(post?.args.blocks)).not.toContain("Also applies");
  });

  it("neither question answered: the modal shows an error on both", async () => {
    const { body } = await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata({ to: "dm" }),
      values: choose(GUIDE.notSure, undefined, "just words"),
    });
    expect(body).toEqual({
      response_action: "errors",
      errors: {
        [GUIDE.block.app]: "Answer at least one of the two questions.",
        [GUIDE.block.audience]: "Answer at least one of the two questions.",
      },
    });
    expect(slack.calls).toEqual([]);
  });

  it("an unknown or stale submission is acknowledged with a polite update", async () => {
    for (const view of [
      { callbackId: "someone_elses_form" },
      {
        callbackId: GUIDE.callbackId,
        privateMetadata: sealedMetadata({ to: "elsewhere" }),
        values: choose("spa"),
      },
      {
        callbackId: GUIDE.callbackId,
        privateMetadata: sealedMetadata({ to: "dm" }),
        values: choose("desktop"),
      },
    ]) {
      const { status, body } = await submit(view);
      expect(status).toBe(200);
      expect(body?.response_action).toBe("update");
      expect(JSON.stringify(body?.view)).toContain("this form is out of date");
    }
    expect(slack.calls).toEqual([]);
  });

  it("a destination the app did not seal, or opened by someone else, posts nowhere and says so", async () => {
    const elsewhere = { to: "post", channel: "C0OTHER01", by: "U0000001" };
    const forged = [
      // What the app wrote before it sealed, or anyone could write: no seal.
      JSON.stringify(elsewhere),
      "not json",
      "",
      // Another key's seal; a real tag moved onto other text.
      `${"A".repeat(43)}.${JSON.stringify(elsewhere)}`,
      `${sealedMetadata({ to: "dm" }).slice(0, 44)}${JSON.stringify(elsewhere)}`,
      // Sealed, but opened there by another user.
      sealedMetadata({ ...elsewhere, by: "U0000002" }),
      sealedMetadata({ to: "ephemeral", channel: "C0000001", by: "U0000002" }),
    ];
    for (const privateMetadata of forged) {
      logger.lines.length = 0;
      const { status, body } = await submit({
        callbackId: GUIDE.callbackId,
        privateMetadata,
        values: choose("spa"),
      });
      expect(status).toBe(200);
      expect(body?.response_action).toBe("update");
      expect(JSON.stringify(body?.view)).toContain("I didn't post it");
      const lines = logger.lines.map((l) => l.text);
      expect(lines.filter((l) => l.includes("Refused a guided chooser submission"))).toHaveLength(
        1,
      );
      expect(lines.join("\n")).not.toMatch(/U000000|C0OTHER|T000000/);
    }
    expect(slack.calls).toEqual([]);
    // The same destination, sealed by the app for this user, is answered there.
    await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata(elsewhere),
      values: choose("spa"),
    });
    expect(slack.callsTo("chat.postMessage")[0]?.args.channel).toBe("C0OTHER01");
  });

  it("an ephemeral the app cannot post in that channel goes to the person's DM", async () => {
    slack.fail("chat.postEphemeral", "ok:false", "channel_not_found");
    await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata({ to: "ephemeral", channel: "C0000009", by: "U0000001" }),
      values: choose("native"),
    });
    const [post] = slack.callsTo("chat.postMessage");
    expect(post?.args.channel).toBe("U0000001");
    expect(headerOf(post?.args.blocks)).toBe(catalog.get("mobile-api")?.title);
  });

  it("the Home tab shows the button; it opens the chooser, answered by DM", async () => {
    await event({ type: "app_home_opened", user: "U0000001", channel: "D0000001", tab: "home" });
    const home = slack.callsTo("views.publish")[0]?.args.view as Json;
    expect(buttonsOf(home.blocks)).toContainEqual(
      expect.objectContaining({ action_id: GUIDE.open, value: "home" }),
    );
    slack.reset();
    await click({
      actionId: GUIDE.open,
      value: "home",
      responseUrl: "",
      ephemeral: false,
      home: true,
    });
    const [open] = slack.callsTo("views.open");
    const modal = open?.args.view as Json | undefined;
    expect(openedMetadata(modal?.private_metadata)).toEqual({ to: "dm" });
  });

  it('"guide" in a DM thread offers the button; its answer goes back into the thread', async () => {
    await event(dm({ text: "guide me", thread_ts: "1699999999.000009" }));
    const [post] = slack.callsTo("chat.postMessage");
    expect(buttonsOf(post?.args.blocks)).toEqual([
      expect.objectContaining({ action_id: GUIDE.open, value: "dm" }),
    ]);
    slack.reset();
    await click({
      actionId: GUIDE.open,
      value: "dm",
      responseUrl: slack.responseUrl("guide-open"),
      ephemeral: false,
      channel: "D0000001",
      thread: "1699999999.000009",
    });
    const view = slack.callsTo("views.open")[0]?.args.view as Json;
    const destination = openedMetadata(view.private_metadata);
    expect(destination).toEqual({
      to: "post",
      channel: "D0000001",
      thread: "1699999999.000009",
      by: "U0000001",
    });
    slack.reset();
    await submit({
      callbackId: GUIDE.callbackId,
      privateMetadata: sealedMetadata(destination),
      values: choose(undefined, "public"),
    });
    const [answer] = slack.callsTo("chat.postMessage");
    expect(answer?.args).toMatchObject({ channel: "D0000001", thread_ts: "1699999999.000009" });
    expect(headerOf(answer?.args.blocks)).toBe(catalog.get("b2c")?.title);
  });
});

describe("the assistant panel", () => {
  const THREAD = "1700000000.000900";
  const started = () => ({
    type: "assistant_thread_started",
    assistant_thread: {
      user_id: "U0000001",
      context: { channel_id: "C0000001", team_id: "T0000001" },
      channel_id: "D0000001",
      thread_ts: THREAD,
    },
    event_ts: "1700000000.000901",
  });

  it("a new thread gets a one-line greeting and three suggested prompts", async () => {
    await event(started());
    const [greeting] = slack.callsTo("chat.postMessage");
    expect(greeting?.args).toMatchObject({ channel: "D0000001", thread_ts: THREAD });
    expect(String(greeting?.args.text)).toMatch(/^Hi! .*\n?$/);
    const [prompts] = slack.callsTo("assistant.threads.setSuggestedPrompts");
    expect(prompts?.args).toMatchObject({ channel_id: "D0000001", thread_ts: THREAD });
    const list = prompts?.args.prompts as Array<{ title: string; message: string }>;
    expect(list).toHaveLength(3);
    const examples = catalog.scenarios.flatMap((s) => s.examples);
    expect(examples).toContain(list[0]?.message);
    expect(examples).toContain(list[1]?.message);
    expect(list[2]).toEqual({ title: "Guide me", message: "Guide me" });
  });

  it("a message in the thread gets a status, a title from its gist and the card, once", async () => {
    await event(dm({ text: AUDIENCE_OPEN, thread_ts: THREAD }));
    expect(slack.calls.map((c) => c.method)).toEqual([
      "assistant.threads.setStatus",
      "assistant.threads.setTitle",
      "chat.postMessage",
    ]);
    const [status] = slack.callsTo("assistant.threads.setStatus");
    expect(status?.args).toMatchObject({ channel_id: "D0000001", thread_ts: THREAD });
    expect(String(status?.args.status)).toMatch(/looking for the scenario/);
    expect(slack.callsTo("assistant.threads.setTitle")[0]?.args.title).toBe(AUDIENCE_OPEN);
    const [card] = slack.callsTo("chat.postMessage");
    expect(card?.args.thread_ts).toBe(THREAD);
    expect(JSON.stringify(card?.args.blocks)).toContain("*Who signs in?*");
    expect(recommender.calls).toBe(1);
  });

  it("a long question's title is its first ~60 characters, cut after a word", async () => {
    await event(dm({ text: `${question} ${question}`, thread_ts: THREAD }));
    const title = String(slack.callsTo("assistant.threads.setTitle")[0]?.args.title);
    expect(title.length).toBeLessThanOrEqual(60);
    expect(title.endsWith("…")).toBe(true);
    expect(question.startsWith(title.slice(0, -1))).toBe(true);
  });

  it("where the feature is off, a DM thread is answered as a plain DM (no title)", async () => {
    slack.fail("assistant.threads.setStatus", "ok:false", "not_allowed");
    await event(dm({ thread_ts: "1699999999.000009" }));
    expect(slack.callsTo("assistant.threads.setTitle")).toEqual([]);
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.thread_ts).toBe("1699999999.000009");
    expect(logger.errors()).toEqual([]);
  });

  it.each([null, ""])("a DM message whose thread_ts is %j is answered in the DM", async (ts) => {
    await event(dm({ thread_ts: ts }));
    const posts = slack.callsTo("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe("D0000001");
    expect(posts[0]?.args.thread_ts ?? "").toBe("");
    expect(logger.errors()).toEqual([]);
  });

  it("a context change needs nothing", async () => {
    await event({ ...started(), type: "assistant_thread_context_changed" });
    expect(slack.calls).toEqual([]);
  });
});
