import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BUTTON_VALUE_MAX,
  type ButtonValue,
  decodeButtonValue,
  encodeButtonValue,
} from "../../src/slack/buttons.js";

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
