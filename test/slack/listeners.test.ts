/**
 * The listeners' handlers on their own, without Bolt: each is a function of the arguments Bolt
 * passes. (app.test.ts drives the same handlers through the real receiver.)
 */

import { describe, expect, it } from "vitest";
import type { Services } from "../../src/answer/reply.js";
import { createCatalog } from "../../src/catalog/load.js";
import type { Search } from "../../src/matching/types.js";
import { answerMessage } from "../../src/slack/blocks/answer.js";
import { ACTION, decodeButtonValue } from "../../src/slack/buttons.js";
import type { AnswerClick } from "../../src/slack/listeners/actions/click.js";
import { share } from "../../src/slack/listeners/actions/share.js";
import { scenarioCommand } from "../../src/slack/listeners/commands/scenario.js";
import { directMessage } from "../../src/slack/listeners/messages/direct-message.js";
import { MetadataSeal } from "../../src/slack/seal.js";
import { type AnswerRecord, DISABLED_RECORDER } from "../../src/store/types.js";
import { makeScenario } from "../helpers/scenarios.js";
import { MemoryLogger } from "./helpers/logger.js";

const mobile = makeScenario("mobile-api", { title: "Mobile + API" });
const spa = makeScenario("spa-api", { title: "SPA + API" });
const catalog = createCatalog([mobile, spa]);

function services(search: (text: string) => Search) {
  const recorded: AnswerRecord[] = [];
  const value: Services = {
    catalog,
    recommender: { search },
    docsBaseUrl: "https://auth0.com/docs",
    recorder: { ...DISABLED_RECORDER, recordAnswer: (r) => recorded.push(r) > 0 },
    adminUserIds: [],
  };
  return { services: value, recorded };
}

/** What the recommender finds: the policy answers mobile-api, surely, spa-api beside it. */
const mobileAnswer = (text: string): Search => ({
  query: text,
  ranked: [
    { scenario: mobile, score: 0.9 },
    { scenario: spa, score: 0.2 },
  ],
  why: ["Flutter", "mobile app"],
  offTopicOdds: 0,
  nameWords: 0,
});

/** Records what a handler passes to ack or respond. */
function sink() {
  const calls: unknown[] = [];
  const fn = async (arg?: unknown) => {
    calls.push(arg);
  };
  return { calls, fn };
}

/** What the handler is given but must not use for a question. */
const unused = {
  client: {} as never,
  respond: (() => Promise.reject(new Error("unused"))) as never,
};

const command = (text: string) => ({ text, user_id: "U0000001", team_id: "T0000001" }) as never;

describe("/scenario", () => {
  it("acks with the answer, then records it", async () => {
    const { services: a, recorded } = services(mobileAnswer);
    const ack = sink();
    await scenarioCommand(
      a,
      new MetadataSeal("test secret"),
    )({
      command: command("Our Flutter app"),
      ack: ack.fn,
      logger: new MemoryLogger(),
      ...unused,
    });
    expect(ack.calls).toEqual([expect.objectContaining({ response_type: "ephemeral" })]);
    expect(JSON.stringify(ack.calls[0])).toContain("Mobile + API");
    expect(recorded).toMatchObject([{ surface: "command", question: "our flutter app" }]);
  });

  it("acks with an apology when answering throws, and records nothing", async () => {
    const { services: a, recorded } = services(() => {
      throw new Error("boom");
    });
    const ack = sink();
    const logger = new MemoryLogger();
    await scenarioCommand(
      a,
      new MetadataSeal("test secret"),
    )({
      command: command("Our Flutter app"),
      ack: ack.fn,
      logger,
      ...unused,
    });
    expect(JSON.stringify(ack.calls)).toContain("Sorry, something went wrong");
    expect(logger.errors()).toEqual(["Answering a question on command failed: boom"]);
    expect(recorded).toEqual([]);
  });
});

describe("direct messages", () => {
  it("ignore bots", async () => {
    const { services: a } = services(mobileAnswer);
    const posts = sink();
    const client = { chat: { postMessage: posts.fn } } as never;
    await directMessage(a)({
      message: {
        channel_type: "im",
        channel: "D1",
        user: "U1",
        ts: "1.1",
        text: "hi",
        bot_id: "B1",
      },
      context: {} as never,
      client,
      logger: new MemoryLogger(),
    } as never);
    expect(posts.calls).toEqual([]);
  });
});

describe("Share", () => {
  it("posts the answer its button carries, with its why, saying who asked", async () => {
    const { services: a } = services(() => {
      throw new Error("a click must not match again");
    });
    const answer = {
      id: "ans-1",
      question: { raw: "Our Flutter app", text: "Our Flutter app", cut: false },
      match: { scenario: mobile, score: 0.9 },
      alternatives: [{ scenario: spa, score: 0.2 }],
      why: ["Flutter", "mobile app"],
      confidence: "high" as const,
      ambiguous: false,
      also: null,
      clarify: null,
    };
    const shareButton = answerMessage(answer, "ephemeral", a.docsBaseUrl)
      .blocks.flatMap((b) => (b.type === "actions" ? b.elements : []))
      .find((b) => b.action_id === ACTION.share) as { value: string };
    const click: AnswerClick = {
      user: "U0000001",
      workspaceId: "T0000001",
      ephemeral: true,
      inDm: false,
      channel: "C0000001",
      value: decodeButtonValue(shareButton.value, catalog) as AnswerClick["value"],
      onMessage: true,
    };
    const respond = sink();
    await share(a)(click, respond.fn as never, new MemoryLogger(), {} as never);
    const [posted, removed] = respond.calls;
    expect(posted).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(JSON.stringify(posted)).toContain("<@U0000001> asked: Our Flutter app");
    expect(JSON.stringify(posted)).toContain(
      "*Why:* your question mentions “Flutter”, “mobile app”.",
    );
    expect(removed).toEqual({ delete_original: true });
  });
});
