import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MatchedAnswer } from "../../src/answer/answer.js";
import { AXIS_VALUES, type Axes, type ClarifyingQuestion } from "../../src/catalog/axes.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { createCatalog, loadCatalog } from "../../src/catalog/load.js";
import type { Scenario } from "../../src/catalog/types.js";
import { answerMessage, noMatchMessage, type Placement } from "../../src/slack/blocks/answer.js";
import { cardModal } from "../../src/slack/blocks/card.js";
import {
  decodeDestination,
  type GuideDestination,
  guideMessage,
  guideModal,
  staleGuideView,
} from "../../src/slack/blocks/guide-modal.js";
import { homeView } from "../../src/slack/blocks/home.js";
import type { SlackMessage } from "../../src/slack/blocks/kit.js";
import {
  feedbackMessage,
  greetingMessage,
  helpMessage,
  listMessage,
} from "../../src/slack/blocks/messages.js";
import { ACTION, decodeButtonValue } from "../../src/slack/buttons.js";
import { escapeMrkdwn, oneLine } from "../../src/slack/mrkdwn.js";
import { MetadataSeal } from "../../src/slack/seal.js";
import { makeScenario } from "../helpers/scenarios.js";
import { blockKitProblems, modalProblems } from "./helpers/block-kit.js";

const BASE = "https://auth0.com/docs";

const SPA = makeScenario("spa-api", {
  title: "Single-Page App + API",
  summary: "A browser app calls your API.",
  protocols: ["OAuth 2.0", "OpenID Connect"],
  flows: ["authorization-code-pkce"],
});
const MOBILE = makeScenario("mobile-api");
/** The catalog a click reads its button's cards from. */
const CATALOG = createCatalog([
  SPA,
  MOBILE,
  makeScenario("server-api"),
  makeScenario("b2b", { axes: { audience: "business" } }),
  makeScenario("b2e", { axes: { audience: "employees" } }),
]);

/** An answer message's inputs, flat as these tests write them: the Answer's and the message's. */
interface View {
  answerId: string;
  question: string;
  match: Scenario;
  alternatives: readonly Scenario[];
  why: readonly string[];
  confidence: "high" | "low";
  ambiguous: boolean;
  shown: Scenario;
  sharedBy?: string | undefined;
  cut?: boolean;
  also?: Scenario | undefined;
  clarify?: ClarifyingQuestion | undefined;
  clarified?: boolean | undefined;
  guided?: Axes | undefined;
  shareThread?: string | undefined;
}

/** The Answer a view describes (its scores are no business of the message). */
function answerOf(v: View): MatchedAnswer {
  return {
    id: v.answerId,
    question: { raw: v.question, text: v.question, cut: v.cut ?? false },
    match: { scenario: v.match, score: 0.5 },
    alternatives: v.alternatives.map((scenario) => ({ scenario, score: 0.25 })),
    why: [...v.why],
    confidence: v.confidence,
    ambiguous: v.ambiguous,
    also: v.also === undefined ? null : { scenario: v.also, score: 0.3 },
    clarify: v.clarify ?? null,
    ...(v.guided !== undefined && { guided: v.guided }),
  };
}

/** answerMessage of a view's Answer, with the view's message facts. */
function render(v: View, placement: Placement, base: string): SlackMessage {
  const { shown, clarified, sharedBy, shareThread } = v;
  return answerMessage(answerOf(v), placement, base, { shown, clarified, sharedBy, shareThread });
}

function view(overrides: Partial<View> = {}): View {
  return {
    answerId: "ans-1",
    question: "how does my SPA call my API?",
    match: SPA,
    alternatives: [MOBILE, makeScenario("server-api")],
    why: ["spa", "api"],
    confidence: "high",
    ambiguous: false,
    shown: SPA,
    ...overrides,
  };
}

type Element = { action_id?: string; url?: string; value?: string; text: { text: string } };

function buttons(message: { blocks: unknown[] }): Element[] {
  return message.blocks.flatMap((b) => {
    const block = b as { type: string; elements?: Element[] };
    return block.type === "actions" ? (block.elements ?? []) : [];
  });
}

const json = (m: unknown) => JSON.stringify(m);

describe("answerMessage", () => {
  it("shows the title, summary, protocol, flow, why, docs link and alternatives", () => {
    const message = render(view(), "ephemeral", BASE);
    expect(message.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Single-Page App + API" },
    });
    const text = json(message.blocks);
    expect(text).toContain("A browser app calls your API.");
    expect(text).toContain("OAuth 2.0, OpenID Connect");
    expect(text).toContain("Authorization Code with PKCE");
    expect(text).toContain("*Why:* your question mentions “spa”, “api”.");
    expect(text).toContain("You asked: how does my SPA call my API?");
    const docs = buttons(message).find((b) => b.action_id === ACTION.docs);
    expect(docs?.url).toBe("https://auth0.com/docs/get-started/spa-api");
    expect(message.text).toBe("Single-Page App + API: A browser app calls your API.");
  });

  it("gives the ephemeral answer pick, share and feedback buttons", () => {
    const ids = buttons(render(view(), "ephemeral", BASE)).map((b) => b.action_id);
    expect(ids).toEqual([
      ACTION.docs,
      ACTION.more,
      ACTION.share,
      ACTION.helpful,
      ACTION.notQuite,
      `${ACTION.pick}_0`,
      `${ACTION.pick}_1`,
      ACTION.noneOfThese,
    ]);
  });

  it("gives the buttons that rebuild the message the answer's facts, the others its id; each the scenario it acts on", () => {
    const message = render(view({ ambiguous: true }), "ephemeral", BASE);
    const answer = {
      id: "ans-1",
      question: { text: "how does my SPA call my API?", cut: false },
      match: { scenario: { id: "spa-api" } },
      alternatives: [{ scenario: { id: "mobile-api" } }, { scenario: { id: "server-api" } }],
      why: ["spa", "api"],
      confidence: "high",
      ambiguous: true,
      also: null,
      clarify: null,
    };
    const facts = { answerId: "ans-1", offered: ["spa-api", "mobile-api", "server-api"], answer };
    const values = buttons(message)
      .filter((b) => b.value !== undefined)
      .map((b) => [b.action_id, decodeButtonValue(b.value, CATALOG)]);
    // Feedback and More carry the answer's id and the card on show, nothing to rebuild from.
    const byId = { answerId: "ans-1", offered: [], answer: null, scenarioId: "spa-api" };
    expect(values).toMatchObject([
      [ACTION.more, byId],
      [ACTION.share, { ...facts, scenarioId: "spa-api" }],
      [ACTION.helpful, byId],
      [ACTION.notQuite, byId],
      [`${ACTION.pick}_0`, { ...facts, scenarioId: "mobile-api" }],
      [`${ACTION.pick}_1`, { ...facts, scenarioId: "server-api" }],
      [ACTION.noneOfThese, byId],
    ]);
  });

  it("a picked alternative: its own message, why “you picked it”, and the match among the others", () => {
    const message = render(view({ shown: MOBILE, ambiguous: true }), "ephemeral", BASE);
    const text = json(message.blocks);
    expect(message.blocks[0]).toMatchObject({ text: { text: MOBILE.title } });
    expect(text).toContain("*Why:* you picked it from the alternatives.");
    expect(text).not.toContain("Close call");
    const picks = buttons(message).filter((b) => b.action_id?.startsWith(ACTION.pick));
    expect(picks.map((b) => b.text.text)).toEqual([SPA.title, "Title of server-api"]);
    // The answer that was given is still what the buttons carry.
    expect(decodeButtonValue(picks[0]?.value, CATALOG)).toMatchObject({
      scenarioId: "spa-api",
      answer: { match: { scenario: { id: "spa-api" } }, why: ["spa", "api"] },
    });
  });

  it("says when the answer is a best guess or a close call", () => {
    expect(json(render(view({ confidence: "low" }), "dm", BASE).blocks)).toContain(
      "*Why (a best guess):* your question mentions",
    );
    expect(json(render(view({ ambiguous: true }), "dm", BASE).blocks)).toContain(
      "Close call. Also consider:",
    );
  });

  it("drops the ephemeral-only buttons in public: no share, alternatives are links", () => {
    const message = render(view(), "public", BASE);
    const ids = buttons(message).map((b) => b.action_id);
    expect(ids).toEqual([
      ACTION.docs,
      ACTION.more,
      ACTION.helpful,
      ACTION.notQuite,
      `${ACTION.altDocs}_0`,
      `${ACTION.altDocs}_1`,
      ACTION.noneOfThese,
    ]);
    expect(buttons(message)[4]?.url).toBe("https://auth0.com/docs/get-started/mobile-api");
  });

  it("lets a DM answer replace itself but not be shared", () => {
    const ids = buttons(render(view(), "dm", BASE)).map((b) => b.action_id);
    expect(ids).not.toContain(ACTION.share);
    expect(ids).toContain(`${ACTION.pick}_0`);
  });

  it("notes a scenario under construction in the docs, and the flow note", () => {
    const scenario = makeScenario("b2e", {
      status: "under-construction",
      flowNote: "Prefer PKCE.",
    });
    const text = json(render(view({ match: scenario, shown: scenario }), "ephemeral", BASE).blocks);
    expect(text).toContain("under construction in the Auth0 docs");
    expect(text).toContain("Prefer PKCE.");
    expect(json(render(view(), "ephemeral", BASE).blocks)).not.toContain("under construction");
  });

  it("shows when to pick the card over its neighbour, and which question it answers", () => {
    const scenario = makeScenario("spa-api", {
      pickOver: "Pick this over web-app-sso when no server holds the tokens.",
      axes: { app: "spa" },
    });
    const text = json(render(view({ match: scenario, shown: scenario }), "ephemeral", BASE));
    expect(text).toContain("Pick this over web-app-sso when no server holds the tokens.");
    expect(text).toContain("This card answers “What kind of app?” For “Who signs in?”");
    expect(json(render(view({ match: MOBILE, shown: MOBILE }), "ephemeral", BASE))).not.toContain(
      "Pick this over",
    );
  });

  it("keeps every shipped card's answer within Block Kit's limits", () => {
    const shipped = loadCatalog(DEFAULT_SCENARIOS_DIR);
    for (const s of shipped.scenarios) {
      const message = render(view({ match: s, shown: s, alternatives: [] }), "ephemeral", BASE);
      expectValidMessage(message);
      expect(json(message)).toContain(s.pickOver?.slice(0, 40));
    }
  });

  it("says who shared it, and keeps the answer's why when shared", () => {
    const shared = render(view({ sharedBy: "U0000001" }), "public", BASE);
    expect(json(shared.blocks)).toContain("<@U0000001> asked: how does my SPA call my API?");
    expect(json(shared.blocks)).toContain("*Why:* your question mentions “spa”, “api”.");
  });

  it("escapes the question: markup a user typed as text never reaches Slack raw", () => {
    // Plain text, as questionFromSlack reads it: "<!here>" here is what the user typed.
    const question = "<!channel> <!here> <!everyone> <!subteam^S123|@devs> <@U999> & <x|y>";
    const message = render(view({ question }), "ephemeral", BASE);
    const shown = parsedTexts(message).join("\n");
    for (const raw of ["<!channel>", "<!here>", "<!everyone>", "<!subteam", "<@U999>", "<x|y>"]) {
      expect(shown).not.toContain(raw);
    }
    expect(shown).toContain("You asked: &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt;");
  });

  it("escapes catalog text too", () => {
    const scenario = makeScenario("x", { summary: "Use <script> & co." });
    expect(json(render(view({ shown: scenario }), "public", BASE).blocks)).toContain(
      "Use &lt;script&gt; &amp; co.",
    );
  });
});

describe("answerMessage: the conversation", () => {
  const B2B = makeScenario("b2b", { title: "B2B", axes: { audience: "business" } });
  const B2E = makeScenario("b2e", { title: "B2E", axes: { audience: "employees" } });
  const clarify = {
    axis: "audience" as const,
    question: "Who signs in?",
    options: [
      { value: "employees" as const, label: "Your employees", scenario: B2E },
      { value: "business" as const, label: "Your business customers' people", scenario: B2B },
    ],
  };
  const asking = (overrides: Partial<View> = {}) =>
    view({
      match: B2B,
      shown: B2B,
      alternatives: [B2E, SPA],
      confidence: "low",
      clarify,
      ...overrides,
    });

  it("asks the clarifying question: one button per option, carrying the answer and that card", () => {
    const message = render(asking(), "ephemeral", BASE);
    expect(json(message.blocks)).toContain("*Who signs in?* Tell me, and I'll narrow it down.");
    const choices = buttons(message).filter((b) => b.action_id?.startsWith(ACTION.clarify));
    expect(choices.map((b) => [b.action_id, b.text.text])).toEqual([
      [`${ACTION.clarify}_0`, "Your employees"],
      [`${ACTION.clarify}_1`, "Your business customers' people"],
    ]);
    expect(decodeButtonValue(choices[0]?.value, CATALOG)).toMatchObject({
      scenarioId: "b2e",
      answer: { match: { scenario: { id: "b2b" } }, clarify: { axis: "audience" } },
    });
    // B2E is an answer to the question, not also an alternative; SPA still is.
    const picks = buttons(message).filter((b) => b.action_id?.startsWith(ACTION.pick));
    expect(picks.map((b) => b.text.text)).toEqual([SPA.title]);
  });

  it("once answered, says what was answered and asks no more", () => {
    const message = render(asking({ shown: B2E, clarified: true }), "ephemeral", BASE);
    const text = json(message.blocks);
    expect(text).toContain("*Why:* you answered “Who signs in?” with “Your employees”.");
    expect(text).toContain("You asked: how does my SPA call my API?");
    expect(buttons(message).some((b) => b.action_id?.startsWith(ACTION.clarify))).toBe(false);
  });

  it("never asks on a picked alternative", () => {
    const message = render(asking({ shown: SPA }), "dm", BASE);
    expect(buttons(message).some((b) => b.action_id?.startsWith(ACTION.clarify))).toBe(false);
  });

  it("adds an Also applies line, linked, with its summary, and not as a pick too", () => {
    const message = render(asking({ clarify: undefined, also: SPA }), "dm", BASE);
    expect(json(message.blocks)).toContain(
      "*Also applies:* <https://auth0.com/docs/get-started/spa-api|Single-Page App + API> — A browser app calls your API.",
    );
    const picks = buttons(message).filter((b) => b.action_id?.startsWith(ACTION.pick));
    expect(picks.map((b) => b.text.text)).toEqual([B2E.title]);
    expect(decodeButtonValue(picks[0]?.value, CATALOG)?.answer?.also?.scenario.id).toBe("spa-api");
  });

  it("a guided answer says what was chosen", () => {
    const guided = view({
      why: [],
      alternatives: [],
      guided: { app: "spa", audience: "business" },
    });
    expect(json(render(guided, "dm", BASE).blocks)).toContain(
      "*Why:* you chose “Single-page app” and “Your business customers' people”.",
    );
  });
});

describe("other messages", () => {
  const catalog = createCatalog([
    makeScenario("b2c", { title: "B2C", examples: ["consumers sign up with Google"] }),
    makeScenario("spa-api", { title: "SPA + API", status: "under-construction" }),
  ]);

  it("help shows usage and examples from the catalog", () => {
    const text = json(helpMessage(catalog));
    expect(text).toContain("/scenario list");
    expect(text).toContain("consumers sign up with Google");
  });

  it("a greeting gets a short intro with examples", () => {
    const message = greetingMessage(catalog);
    expect(message.text).toMatch(/^Hi!/);
    expect(json(message.blocks)).toContain("consumers sign up with Google");
  });

  it("list shows every scenario with summary and link", () => {
    const text = json(listMessage(catalog, BASE).blocks);
    expect(text).toContain("<https://auth0.com/docs/get-started/b2c|B2C>");
    expect(text).toContain("When spa-api applies.");
    expect(text).toContain(":construction:");
  });

  it("no match says so, suggests how to ask and lists the scenarios", () => {
    const message = noMatchMessage("<!here> zzz", [], catalog, BASE);
    const text = json(message.blocks);
    expect(text).toContain(
      "I couldn't find an architecture scenario that fits “&lt;!here&gt; zzz”",
    );
    expect(text).toContain("Try describing");
    expect(text).toContain("|B2C>");
    expect(text).toContain("|SPA + API>");
    expect(text).not.toContain("<!here>");
  });

  it("the Home tab has what, how, and every scenario with status and link", () => {
    const view = homeView(catalog, BASE);
    expect(view.type).toBe("home");
    const text = json(view.blocks);
    expect(text).toContain("How to ask");
    expect(text).toContain("|B2C>*  ·  _published_");
    expect(text).toContain("|SPA + API>*  ·  _under construction in the docs_");
  });

  it("feedback is acknowledged", () => {
    expect(feedbackMessage("helpful", catalog.get("b2c")).text).toContain("glad it helped");
    expect(feedbackMessage("not_quite", undefined).text).toContain("/scenario list");
    expect(feedbackMessage("none_of_these", undefined).text).toContain("none of these fit");
  });
});

// ---------------------------------------------------------------- Block Kit limits, for any content

/** Any string, including huge ones, markup, entities, emoji and lone surrogates. */
/** Characters that stress escaping and cutting: markup, entities, surrogate pairs. */
const tricky = fc.constantFrom("a", " ", "\n", "&", "<", ">", "|", "*", "é", "😀", "!", "@");
// size "max": fast-check otherwise keeps strings and arrays short, far from any limit.
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: tricky, minLength: 1, maxLength: 5000, size: "max" }),
  fc.constantFrom(
    "<!channel>",
    "<!here>",
    "<@U1|x>",
    "&amp;&lt;",
    "a".repeat(10_000),
    "😀".repeat(3000),
  ),
);
const nonBlank = anyText.filter((s) => s.trim().length > 0);
const slug = fc.stringMatching(/^[a-z0-9]{1,30}(-[a-z0-9]{1,30}){0,3}$/);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  id: slug,
  title: nonBlank,
  summary: nonBlank,
  docsPath: fc.oneof(
    fc.constant("/x"),
    fc.string({ maxLength: 4000 }).map((s) => `/${s}`),
  ),
  status: fc.constantFrom("published", "under-construction"),
  protocols: fc.array(anyText, { maxLength: 20 }),
  flows: fc.array(
    fc.constantFrom(
      "authorization-code",
      "authorization-code-pkce",
      "client-credentials",
      "implicit",
    ),
    { maxLength: 4 },
  ),
  flowNote: fc.option(nonBlank, { nil: undefined }),
  keywords: fc.array(anyText, { maxLength: 3 }),
  examples: fc.array(nonBlank, { maxLength: 3 }),
  related: fc.constant([]),
  concepts: fc.constant([]),
  axes: fc.record(
    {
      app: fc.constantFrom(...AXIS_VALUES.app),
      audience: fc.constantFrom(...AXIS_VALUES.audience),
    },
    { requiredKeys: [] },
  ),
  body: fc.constant(""),
  sources: fc.constant([]),
  pickOver: fc.option(nonBlank, { nil: undefined }),
  file: fc.constant("/x.md"),
});

const viewArb: fc.Arbitrary<View> = fc
  .record({
    answerId: fc.uuid(),
    question: anyText,
    match: scenarioArb,
    alternatives: fc.array(scenarioArb, { maxLength: 8, size: "max" }),
    why: fc.array(anyText, { maxLength: 60, size: "max" }),
    confidence: fc.constantFrom("high" as const, "low" as const),
    ambiguous: fc.boolean(),
    sharedBy: fc.option(fc.constant("U0000001"), { nil: undefined }),
  })
  .chain((v) =>
    fc
      .record({
        shown: fc.constantFrom(v.match, ...v.alternatives),
        also: fc.option(fc.constantFrom(v.match, ...v.alternatives), { nil: undefined }),
        clarify: fc.option(
          fc.record({
            axis: fc.constant("audience" as const),
            question: anyText,
            options: fc
              .subarray([v.match, ...v.alternatives], { minLength: 1 })
              .chain((scenarios) =>
                fc.tuple(
                  ...scenarios.map((scenario) =>
                    fc.record({
                      value: fc.constantFrom(...AXIS_VALUES.audience),
                      label: anyText,
                      scenario: fc.constant(scenario),
                    }),
                  ),
                ),
              ),
          }),
          { nil: undefined },
        ),
        clarified: fc.boolean(),
        guided: fc.option(
          fc.record(
            {
              app: fc.constantFrom(...AXIS_VALUES.app),
              audience: fc.constantFrom(...AXIS_VALUES.audience),
            },
            { requiredKeys: [] },
          ),
          { nil: undefined },
        ),
      })
      .map((extra) => ({ ...v, ...extra })),
  );

function uniqueById(scenarios: Scenario[]): Scenario[] {
  return [...new Map(scenarios.map((s) => [s.id, s])).values()];
}
const catalogArb = fc
  .array(scenarioArb, { maxLength: 150, size: "max" })
  .map((scenarios) => createCatalog(uniqueById(scenarios)));

function expectValidMessage(message: SlackMessage, maxBlocks = 50) {
  expect(blockKitProblems(message.blocks, maxBlocks)).toEqual([]);
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
}

/** Every string Slack parses for markup: mrkdwn text objects and a message's `text`. */
function parsedTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(parsedTexts);
  if (typeof node !== "object" || node === null) return [];
  const obj = node as Record<string, unknown>;
  const own = obj.type === "mrkdwn" && typeof obj.text === "string" ? [obj.text] : [];
  const fallback = typeof obj.text === "string" && "blocks" in obj ? [obj.text] : [];
  return [...own, ...fallback, ...Object.values(obj).flatMap(parsedTexts)];
}

/** No Slack control sequence in output, except a user mention we put there on purpose. */
function expectNoRawMarkup(message: unknown, sharedBy?: string) {
  for (const text of parsedTexts(message)) {
    expect(text.replaceAll(`<@${sharedBy}>`, "")).not.toMatch(/<[!@#]/);
  }
}

describe("Block Kit limits hold for any content", () => {
  it("answers, in every placement", () => {
    fc.assert(
      fc.property(
        viewArb,
        fc.constantFrom<Placement>("ephemeral", "dm", "public"),
        (v, placement) => {
          const message = render(v, placement, BASE);
          expectValidMessage(message);
          expectNoRawMarkup(message, v.sharedBy);
        },
      ),
      // No shrinking: shrinking kilobyte strings and catalogs of 150 cards takes minutes.
      { numRuns: 300, endOnFailure: true },
    );
  }, 60_000);

  it("the guided chooser: its modal, its button message, for any catalog and destination", () => {
    const destinationArb = fc.oneof(
      fc.constant<GuideDestination>({ to: "dm" }),
      fc.record({
        to: fc.constantFrom("ephemeral" as const, "post" as const),
        channel: fc.stringMatching(/^[CDG][A-Z0-9]{8,12}$/),
        thread: fc.option(fc.constant("1700000000.000100"), { nil: undefined }),
        by: fc.constant("U0000001"),
      }),
    );
    fc.assert(
      fc.property(catalogArb, destinationArb, (catalog, destination) => {
        const seal = new MetadataSeal("test secret");
        const modal = guideModal(catalog, destination, seal);
        expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
        expectNoRawMarkup(modal);
        expect(decodeDestination(modal.private_metadata, seal)).toEqual(
          JSON.parse(JSON.stringify(destination)),
        );
        for (const placement of ["ephemeral", "dm", "public"] as const) {
          expectValidMessage(guideMessage(placement));
        }
      }),
      { numRuns: 40, endOnFailure: true },
    );
    expect(modalProblems(staleGuideView() as unknown as Record<string, unknown>)).toEqual([]);
  });

  it("list, help, greeting and no-match messages, and the Home tab", () => {
    fc.assert(
      fc.property(catalogArb, anyText, (catalog, question) => {
        for (const message of [
          listMessage(catalog, BASE),
          helpMessage(catalog),
          greetingMessage(catalog),
          noMatchMessage(question, catalog.scenarios.slice(0, 3), catalog, BASE),
        ]) {
          expectValidMessage(message);
          expectNoRawMarkup(message);
        }
        const view = homeView(catalog, BASE);
        expect(blockKitProblems(view.blocks, 100)).toEqual([]);
        expectNoRawMarkup(view);
      }),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("a long catalog is cut with a count of what is left out", () => {
    const many = createCatalog(
      Array.from({ length: 2000 }, (_, i) =>
        makeScenario(`s${i}`, { title: "T".repeat(100), summary: "x".repeat(300) }),
      ),
    );
    const countShownAndHidden = (blocks: unknown[]) => {
      const text = json(blocks);
      const shown = (text.match(/get-started\/s\d+\|/g) ?? []).length;
      const hidden = Number(/…and (\d+) more\./.exec(text)?.[1]);
      expect(shown).toBeGreaterThan(0);
      expect(shown + hidden).toBe(2000);
    };
    for (const message of [listMessage(many, BASE), noMatchMessage("q", [], many, BASE)]) {
      expectValidMessage(message);
      countShownAndHidden(message.blocks);
    }
    const view = homeView(many, BASE);
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    countShownAndHidden(view.blocks);
  });
});

describe("cardModal: the card in full", () => {
  const shipped = loadCatalog(DEFAULT_SCENARIOS_DIR);
  const textOf = (view: { blocks: unknown[] }) => json(view.blocks);
  /** A line of Markdown as words, without markup: what the reader must find in the modal. */
  const words = (line: string) =>
    escapeMrkdwn(line.replace(/^\s*([-*+]|\d+\.)\s+/, ""))
      .replace(/[*_`]/g, "")
      .trim();

  it("shows every shipped card's body, section by section, within a modal's limits", () => {
    for (const s of shipped.scenarios) {
      const modal = cardModal(s, BASE);
      expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
      expectNoRawMarkup(modal);
      const headers = modal.blocks.flatMap((b) =>
        b.type === "header" ? [(b as { text: { text: string } }).text.text] : [],
      );
      expect(headers).toEqual([
        s.title,
        "When it fits",
        "How it works",
        "How it differs from its neighbours",
      ]);
      const shown = textOf(modal).replace(/[*_`]/g, "");
      for (const line of s.body.split("\n")) {
        if (line.trim() === "" || line.startsWith("## ")) continue;
        expect(shown).toContain(JSON.stringify(words(line)).slice(1, -1));
      }
      // Sources are never shown, and the docs link comes last.
      expect(shown).not.toContain("Sources");
      expect(json(modal.blocks.at(-1))).toContain(`${BASE}${s.docsPath}`);
    }
  });

  it("splits a long section over several blocks and counts what does not fit", () => {
    const paragraph = "A long step about refresh tokens and sessions. ".repeat(120);
    const body = `## How it works\n\n${`${paragraph}\n\n`.repeat(60)}## How it differs\n\nShort.`;
    const modal = cardModal(makeScenario("long", { body }), BASE);
    expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
    expect(modal.blocks).toHaveLength(100);
    expect(textOf(modal)).toMatch(/…and \d+ more\./);
    expect(textOf(modal)).toContain("1 more part of the card did not fit here");
  });

  it("a body without headings is shown whole; an empty one shows the title, summary and link", () => {
    const plainBody = cardModal(makeScenario("x", { body: "Just **one** paragraph." }), BASE);
    expect(textOf(plainBody)).toContain("Just *one* paragraph.");
    expect(cardModal(makeScenario("x", { body: "" }), BASE).blocks).toHaveLength(3);
  });

  it("holds Block Kit's limits and shows no raw markup, for any card", () => {
    const bodyArb = fc
      .array(fc.tuple(anyText, anyText), { maxLength: 12, size: "max" })
      .map((parts) => parts.map(([heading, text]) => `## ${oneLine(heading)}\n${text}`).join("\n"));
    fc.assert(
      fc.property(scenarioArb, fc.oneof(anyText, bodyArb), (scenario, body) => {
        const modal = cardModal({ ...scenario, body }, BASE);
        expect(modalProblems(modal as unknown as Record<string, unknown>)).toEqual([]);
        expectNoRawMarkup(modal);
      }),
      { numRuns: 200, endOnFailure: true },
    );
  }, 60_000);
});
