import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MatchedAnswer } from "../../src/answer/answer.js";
import { createCatalog } from "../../src/catalog/load.js";
import type { GuideDestination } from "../../src/slack/buttons.js";
import {
  BUTTON_VALUE_MAX,
  BUTTON_VALUE_VERSION,
  type ButtonValue,
  buttonScenarioId,
  buttonValueEncoder,
  decodeButtonValue,
  decodeDestination,
  encodeButtonValue,
  encodeDestination,
  encodeIdValue,
  PRIVATE_METADATA_MAX,
  VALUE_LIMITS,
} from "../../src/slack/buttons.js";
import { parseClick } from "../../src/slack/listeners/actions/click.js";
import { MetadataSeal } from "../../src/slack/seal.js";
import { makeScenario } from "../helpers/scenarios.js";
import { SIGNING_SECRET } from "./helpers/signed.js";

const catalog = createCatalog(
  ["mobile-api", "spa-api", "server-api", "b2c"].map((id) => makeScenario(id)),
);
const card = (id: string) => {
  const scenario = catalog.get(id);
  if (scenario === undefined) throw new Error(`no card ${id}`);
  return scenario;
};

const answer = (overrides: Partial<MatchedAnswer> = {}): MatchedAnswer => ({
  id: "6f1c2c1e-5d0a-4c52-9a53-0d2b1f9d7a10",
  question: {
    raw: "how does my SPA call my API?",
    text: "how does my SPA call my API?",
    cut: false,
  },
  match: { scenario: card("mobile-api"), score: 0.5 },
  alternatives: [
    { scenario: card("spa-api"), score: 0.25 },
    { scenario: card("server-api"), score: 0.125 },
  ],
  why: ["SPA", "API"],
  confidence: "high",
  ambiguous: true,
  also: null,
  clarify: null,
  ...overrides,
});

const value = (overrides: Partial<MatchedAnswer> = {}): ButtonValue => ({
  scenarioId: "spa-api",
  answer: answer(overrides),
});

describe("button values", () => {
  it("carry the answer and the message's facts, and round-trip", () => {
    const given: ButtonValue = {
      ...value({ also: { scenario: card("b2c"), score: 0.375 }, guided: { app: "spa" } }),
      clarified: true,
      shareThread: "1700000000.000100",
    };
    expect(decodeButtonValue(encodeButtonValue(given), catalog)).toEqual({
      scenarioId: "spa-api",
      clarified: true,
      shareThread: "1700000000.000100",
      answerId: given.answer.id,
      offered: ["mobile-api", "spa-api", "server-api", "b2c"],
      answer: given.answer,
    });
  });

  it("stay within Slack's limit for any question and why terms, cutting only those", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 6000 }),
        fc.array(fc.string({ unit: "binary", maxLength: 2000 }), { maxLength: 10 }),
        (text, why) => {
          const encoded = encodeButtonValue(
            value({ question: { raw: text, text, cut: false }, why }),
          );
          expect(encoded).toBeDefined();
          expect(encoded?.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
          const decoded = decodeButtonValue(encoded, catalog);
          expect(decoded).toMatchObject({ scenarioId: "spa-api" });
          expect(decoded?.answer?.match.scenario.id).toBe("mobile-api");
          expect(decoded?.answer?.alternatives.map((a) => a.scenario.id)).toEqual([
            "spa-api",
            "server-api",
          ]);
          expect(decoded?.answer?.why.length).toBeLessThanOrEqual(why.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reject what is not ours, including the older {s, q, a} values", () => {
    expect(decodeButtonValue("not json", catalog)).toBeNull();
    expect(decodeButtonValue('{"s":""}', catalog)).toBeNull();
    expect(decodeButtonValue('{"s":"spa-api","q":"a question","a":"x"}', catalog)).toBeNull();
    expect(decodeButtonValue(undefined, catalog)).toBeNull();
  });

  it("read a value that carries only the answer's id: its card and id, no answer, nothing more", () => {
    const encoded = encodeIdValue("ans-1", "spa-api");
    expect(decodeButtonValue(encoded, catalog)).toEqual({
      scenarioId: "spa-api",
      answerId: "ans-1",
      offered: [],
      answer: null,
    });
    expect(buttonScenarioId(encoded)).toBe("spa-api");
    const id = JSON.parse(encoded) as Record<string, unknown>;
    // Strict: nothing beside the id and the card, a version, a card id and an answer id.
    expect(decodeButtonValue(JSON.stringify({ ...id, t: "1.2" }), catalog)).toBeNull();
    expect(decodeButtonValue(JSON.stringify({ ...id, v: 2 }), catalog)).toBeNull();
    expect(decodeButtonValue(JSON.stringify({ ...id, s: "" }), catalog)).toBeNull();
    expect(decodeButtonValue(JSON.stringify({ ...id, a: "x".repeat(65) }), catalog)).toBeNull();
  });

  it("read today's catalog: a card that left it is dropped, a match that left it is stale", () => {
    const fewer = createCatalog([card("mobile-api"), card("spa-api")]);
    const encoded = encodeButtonValue(value());
    const read = decodeButtonValue(encoded, fewer);
    expect(read?.answer?.alternatives.map((a) => a.scenario.id)).toEqual(["spa-api"]);
    expect(read?.offered).toEqual(["mobile-api", "spa-api", "server-api"]);
    const stale = decodeButtonValue(encoded, createCatalog([card("spa-api")]));
    expect(stale).toMatchObject({ scenarioId: "spa-api", answer: null });
    expect(stale?.offered).toEqual(["mobile-api", "spa-api", "server-api"]);
  });
});

describe("interaction values: one schema with limits and a version", () => {
  const v1 = {
    s: "spa-api",
    a: "6f1c2c1e-5d0a-4c52-9a53-0d2b1f9d7a10",
    q: "how does my SPA call my API?",
    m: "mobile-api",
    o: ["spa-api"],
    w: ["SPA"],
    c: "high",
    x: false,
  };
  const v2 = { v: 2, ...v1, l: "b2c", k: "audience", t: "1700000000.000100" };
  const v3 = { ...v1, v: 3, r: [0.5, 0.25] };

  it("write the current version, version 3, with the cards' scores", () => {
    const encoded = encodeButtonValue(value()) as string;
    expect(BUTTON_VALUE_VERSION).toBe(3);
    expect(JSON.parse(encoded)).toMatchObject({ v: 3, r: [0.5, 0.25, 0.125] });
    expect(decodeButtonValue(JSON.stringify(v3), catalog)?.answer?.match.score).toBe(0.5);
  });

  it("read a version-1 value (no `v`) on purpose, as version 2 with no scores", () => {
    const read = decodeButtonValue(JSON.stringify(v1), catalog);
    expect(read).toMatchObject({ scenarioId: "spa-api", offered: ["mobile-api", "spa-api"] });
    expect(read?.answer).toMatchObject({
      id: v1.a,
      question: { text: v1.q, cut: false },
      match: { scenario: { id: "mobile-api" }, score: 0 },
      alternatives: [{ scenario: { id: "spa-api" }, score: 0 }],
      why: ["SPA"],
      confidence: "high",
      ambiguous: false,
      also: null,
      clarify: null,
    });
  });

  it("read a version-2 value on purpose: its fields as they are, every score 0", () => {
    const read = decodeButtonValue(JSON.stringify(v2), catalog);
    expect(read).toMatchObject({ scenarioId: "spa-api", shareThread: "1700000000.000100" });
    expect(read?.offered).toEqual(["mobile-api", "spa-api", "b2c"]);
    expect(read?.answer?.also).toEqual({ scenario: card("b2c"), score: 0 });
    expect(read?.answer?.match.score).toBe(0);
    // Scores are version 3's: a version-2 value holding some is not one the app wrote.
    expect(decodeButtonValue(JSON.stringify({ ...v2, r: [0.5, 0.25, 0.1] }), catalog)).toBeNull();
  });

  it("refuse an unknown version, and a version-3 value whose scores do not fit its cards", () => {
    for (const v of [0, 1, BUTTON_VALUE_VERSION + 1, "3", null]) {
      expect(decodeButtonValue(JSON.stringify({ ...v3, v }), catalog), String(v)).toBeNull();
    }
    expect(decodeButtonValue(JSON.stringify({ ...v3, r: undefined }), catalog)).toBeNull();
    expect(decodeButtonValue(JSON.stringify({ ...v3, r: [0.5] }), catalog)).toBeNull();
    expect(decodeButtonValue(JSON.stringify({ ...v3, r: [0.5, 2] }), catalog)).toBeNull();
  });

  it("refuse an oversized value before parsing it, and values over the counts or id lengths", () => {
    // A forged Pick as the attack sent it: 16,000 why terms, about 133 KB.
    const why = Array.from({ length: 16_000 }, (_, i) => `t${i}`);
    const oversized = JSON.stringify({ ...v1, w: why });
    expect(oversized.length).toBeGreaterThan(100_000);
    expect(decodeButtonValue(oversized, catalog)).toBeNull();
    expect(buttonScenarioId(oversized)).toBeNull();
    const over = (field: Record<string, unknown>) =>
      decodeButtonValue(JSON.stringify({ ...v1, ...field }), catalog);
    expect(over({ w: why.slice(0, VALUE_LIMITS.whyTerms + 1) })).toBeNull();
    expect(over({ o: Array(VALUE_LIMITS.alternatives + 1).fill("spa-api") })).toBeNull();
    expect(over({ s: "x".repeat(VALUE_LIMITS.id + 1) })).toBeNull();
    expect(over({ w: why.slice(0, VALUE_LIMITS.whyTerms) })).not.toBeNull();
    expect(buttonScenarioId(JSON.stringify(v1))).toBe("spa-api");
  });

  it("refuse a destination that names no conversation, is oversized, or is not sealed", () => {
    const seal = new MetadataSeal(SIGNING_SECRET);
    const sealed = (value: unknown) => seal.seal(JSON.stringify(value));
    const post = { to: "post", channel: "D0123ABC", thread: "1700000000.000100", by: "U0000001" };
    expect(decodeDestination(encodeDestination(post as GuideDestination, seal), seal)).toEqual(
      post,
    );
    expect(decodeDestination(sealed({ ...post, channel: "#general" }), seal)).toBeNull();
    expect(decodeDestination(sealed({ ...post, thread: "x" }), seal)).toBeNull();
    expect(
      decodeDestination(sealed({ to: "dm", pad: "x".repeat(PRIVATE_METADATA_MAX) }), seal),
    ).toBe("unsealed");
    // Unsealed, sealed with another key, or the tag moved onto other text: refused.
    expect(decodeDestination(JSON.stringify(post), seal)).toBe("unsealed");
    expect(
      decodeDestination(new MetadataSeal("another secret").seal(JSON.stringify(post)), seal),
    ).toBe("unsealed");
    const tag = encodeDestination(post as GuideDestination, seal).slice(0, 44);
    expect(
      decodeDestination(`${tag}${JSON.stringify({ ...post, channel: "C0OTHER" })}`, seal),
    ).toBe("unsealed");
    // The key is derived from the secret, never the secret itself.
    const raw = createHmac("sha256", SIGNING_SECRET)
      .update(JSON.stringify(post))
      .digest("base64url");
    expect(tag.slice(0, 43)).not.toBe(raw);
  });

  it("take the clicker's workspace from user.team_id when an org-wide install sends team: null", () => {
    const body = { user: { id: "U0000001", team_id: "T0000009" }, team: null };
    expect(parseClick(body, { value: "x" }, catalog)?.workspaceId).toBe("T0000009");
    expect(parseClick({ ...body, team: { id: "T0000001" } }, {}, catalog)?.workspaceId).toBe(
      "T0000001",
    );
  });
});

describe("buttonValueEncoder", () => {
  it("writes exactly what encodeButtonValue writes, for each scenario id", () => {
    const given = answer({
      id: "a1",
      question: {
        raw: 'mobile "app" <calling> our api',
        text: 'mobile "app" <calling> our api',
        cut: false,
      },
      why: ["mobile", "api"],
      confidence: "low",
      also: { scenario: card("b2c"), score: 0.3 },
    });
    const facts = { shareThread: "1700000000.000100" };
    const encode = buttonValueEncoder(given, facts);
    for (const scenarioId of ["mobile-api", "spa-api", 'odd"id']) {
      expect(encode(scenarioId)).toBe(encodeButtonValue({ answer: given, ...facts, scenarioId }));
    }
    const text = "x".repeat(1990);
    const long = { ...given, question: { raw: text, text, cut: false } };
    expect(buttonValueEncoder(long, facts)("spa-api")).toBe(
      encodeButtonValue({ answer: long, ...facts, scenarioId: "spa-api" }),
    );
  });
});
