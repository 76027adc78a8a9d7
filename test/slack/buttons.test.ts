import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GuideDestination } from "../../src/slack/buttons.js";
import {
  BUTTON_VALUE_MAX,
  BUTTON_VALUE_VERSION,
  type ButtonValue,
  buttonValueEncoder,
  decodeButtonValue,
  decodeDestination,
  encodeButtonValue,
  encodeDestination,
  PRIVATE_METADATA_MAX,
  VALUE_LIMITS,
} from "../../src/slack/buttons.js";
import { parseClick } from "../../src/slack/listeners/actions/click.js";
import { MetadataSeal } from "../../src/slack/seal.js";
import { SIGNING_SECRET } from "./helpers/signed.js";

const value = (overrides: Partial<ButtonValue> = {}): ButtonValue => ({
  scenarioId: "spa-api",
  answerId: "6f1c2c1e-5d0a-4c52-9a53-0d2b1f9d7a10",
  question: "how does my SPA call my API?",
  matchId: "mobile-api",
  alternativeIds: ["spa-api", "server-api"],
  why: ["SPA", "API"],
  confidence: "high",
  ambiguous: true,
  ...overrides,
});

describe("button values", () => {
  it("carry the answer's facts and round-trip", () => {
    const encoded = encodeButtonValue(value());
    expect(decodeButtonValue(encoded)).toEqual(value());
  });

  it("stay within Slack's limit for any question and why terms, cutting only those", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 6000 }),
        fc.array(fc.string({ unit: "binary", maxLength: 2000 }), { maxLength: 10 }),
        (question, why) => {
          const encoded = encodeButtonValue(value({ question, why }));
          expect(encoded).toBeDefined();
          expect(encoded?.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
          const decoded = decodeButtonValue(encoded);
          expect(decoded).toMatchObject({ scenarioId: "spa-api", matchId: "mobile-api" });
          expect(decoded?.alternativeIds).toEqual(["spa-api", "server-api"]);
          expect(decoded?.why.length).toBeLessThanOrEqual(why.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reject what is not ours, including the older {s, q, a} values", () => {
    expect(decodeButtonValue("not json")).toBeNull();
    expect(decodeButtonValue('{"s":""}')).toBeNull();
    expect(decodeButtonValue('{"s":"spa-api","q":"a question","a":"x"}')).toBeNull();
    expect(decodeButtonValue(undefined)).toBeNull();
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

  it("write the current version, read a version-1 value (no `v`) on purpose, refuse others", () => {
    const encoded = encodeButtonValue(value()) as string;
    expect(JSON.parse(encoded).v).toBe(BUTTON_VALUE_VERSION);
    expect(decodeButtonValue(JSON.stringify(v1))?.scenarioId).toBe("spa-api");
    expect(decodeButtonValue(JSON.stringify({ ...v1, v: BUTTON_VALUE_VERSION + 1 }))).toBeNull();
  });

  it("refuse an oversized value before parsing it, and values over the counts or id lengths", () => {
    // A forged Pick as the attack sent it: 16,000 why terms, about 133 KB.
    const why = Array.from({ length: 16_000 }, (_, i) => `t${i}`);
    const oversized = JSON.stringify({ ...v1, w: why });
    expect(oversized.length).toBeGreaterThan(100_000);
    expect(decodeButtonValue(oversized)).toBeNull();
    const over = (field: Record<string, unknown>) =>
      decodeButtonValue(JSON.stringify({ ...v1, ...field }));
    expect(over({ w: why.slice(0, VALUE_LIMITS.whyTerms + 1) })).toBeNull();
    expect(over({ o: Array(VALUE_LIMITS.alternatives + 1).fill("spa-api") })).toBeNull();
    expect(over({ s: "x".repeat(VALUE_LIMITS.id + 1) })).toBeNull();
    expect(over({ w: why.slice(0, VALUE_LIMITS.whyTerms) })).not.toBeNull();
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
    expect(parseClick(body, { value: "x" })?.workspaceId).toBe("T0000009");
    expect(parseClick({ ...body, team: { id: "T0000001" } }, {})?.workspaceId).toBe("T0000001");
  });
});

describe("buttonValueEncoder", () => {
  it("writes exactly what encodeButtonValue writes, for each scenario id", () => {
    const facts = {
      answerId: "a1",
      question: 'mobile "app" <calling> our api',
      matchId: "mobile-api",
      alternativeIds: ["spa-api", "server-api"],
      why: ["mobile", "api"],
      confidence: "low" as const,
      ambiguous: true,
      also: "b2c",
      shareThread: "1700000000.000100",
    };
    const encode = buttonValueEncoder(facts);
    for (const scenarioId of ["mobile-api", "spa-api", 'odd"id']) {
      expect(encode(scenarioId)).toBe(encodeButtonValue({ ...facts, scenarioId }));
    }
    const long = { ...facts, question: "x".repeat(1990) };
    expect(buttonValueEncoder(long)("spa-api")).toBe(
      encodeButtonValue({ ...long, scenarioId: "spa-api" }),
    );
  });
});
