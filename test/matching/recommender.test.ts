import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCatalog, loadCatalog } from "../../src/catalog/load.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/settings.js";
import { Recommender } from "../../src/matching/recommender.js";
import { makeScenario } from "../helpers/scenarios.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const recommender = new Recommender(catalog);
const answer = (text: string) => recommender.recommend(text).match?.scenario.id ?? null;

describe("Recommender on the shipped cards", () => {
  // Plain descriptions of each situation, written for this test.
  it.each([
    ["mobile app calling an API", "mobile-api"],
    // The product brief's own example of the B2B situation.
    ["our customers' IT admins want their staff to use their own corporate login", "b2b"],
    ["our iOS and Android apps need to call our backend for the signed-in user", "mobile-api"],
    ["single page app in Vue that calls our REST API", "spa-api"],
    ["a nightly batch job must call our billing API without any user", "server-api"],
    ["Django site with sessions, SSO across our two web apps", "web-app-sso"],
    ["our web application is a SAML service provider", "web-saml"],
    [
      "our SaaS customers want their users to sign in with their own company's identity provider",
      "b2b",
    ],
    ["consumer shop where shoppers sign up with Google or Facebook", "b2c"],
    ["employees sign in to internal tools with Active Directory", "b2e"],
    ["one app used by both our own employees and our business customers' users", "b2b-b2e"],
  ])("%s → %s", (question, expected) => {
    expect(answer(question)).toBe(expected);
  });

  it("corrects typos toward the cards' vocabulary", () => {
    expect(answer("moble app calling an api")).toBe("mobile-api");
    expect(answer("singel page app calling our api")).toBe("spa-api");
    const rec = recommender.recommend("emploees authentcation with actve directory");
    expect(rec.match?.scenario.id).toBe("b2e");
    expect(rec.why).toContain("active directory");
  });

  it("matches multi-word phrases as terms of their own", () => {
    const rec = recommender.recommend("machine-to-machine calls between services");
    expect(rec.match?.scenario.id).toBe("server-api");
    expect(rec.why).toContain("machine to machine");
  });

  it.each([
    "hi",
    "thanks!!",
    "anyone up for tacos at 12:30?",
    "what's the weather like tomorrow",
    "",
    "   ",
    ":wave: <@U0LAN0Z89>",
  ])("says no match for %j", (text) => {
    expect(recommender.recommend(text).match).toBeNull();
  });

  it("says no match when a question is closer to everyday chatter than to any card", () => {
    const questions = [
      "the spa gets a timeout when calling the api in staging",
      "our mobile app crashes on startup since the last release",
    ];
    const unguarded = new Recommender(catalog, { offTopicGuard: false });
    for (const q of questions) {
      expect(recommender.recommend(q).match).toBeNull();
      // Without the guard the same words would pick a card: the guard is what says no.
      expect(unguarded.recommend(q).match).not.toBeNull();
    }
  });

  it("offers up to two alternatives and explains the answer", () => {
    const rec = recommender.recommend("react single page app calling our api");
    expect(rec.match?.scenario.id).toBe("spa-api");
    expect(rec.alternatives.length).toBeLessThanOrEqual(2);
    expect(rec.alternatives.map((a) => a.scenario.id)).not.toContain("spa-api");
    expect(rec.why.length).toBeGreaterThan(0);
    for (const scored of [rec.match, ...rec.alternatives]) {
      expect(scored?.score).toBeGreaterThan(0);
      expect(scored?.score).toBeLessThanOrEqual(1);
    }
    expect(rec.match?.score).toBeGreaterThanOrEqual(rec.alternatives[0]?.score ?? 0);
  });

  it("ignores Slack markup around the question", () => {
    const plain = recommender.recommend("flutter app calling our api");
    const slack = recommender.recommend(
      "<@U0LAN0Z89> <!here> :pray: flutter app calling <https://api.example.com|our api>",
    );
    expect(slack.match?.scenario.id).toBe(plain.match?.scenario.id);
    expect(slack.match?.score).toBeCloseTo(plain.match?.score ?? 0, 10);
  });

  it("is deterministic: same catalog and question, same answer", () => {
    const again = new Recommender(loadCatalog(DEFAULT_SCENARIOS_DIR));
    for (const q of ["spa with react", "b2b saas", "employees with okta", "hello", "api"]) {
      expect(again.recommend(q)).toEqual(recommender.recommend(q));
    }
  });
});

describe("ties", () => {
  const card = (id: string) =>
    makeScenario(id, {
      title: "Shared title",
      summary: "Same words.",
      keywords: ["widget portal"],
      examples: ["widget portal login"],
    });

  it("flags identical scores as ambiguous and orders them by id, not by file order", () => {
    const forward = new Recommender(createCatalog([card("alpha"), card("beta")]));
    const backward = new Recommender(createCatalog([card("beta"), card("alpha")]));
    for (const r of [forward, backward]) {
      const rec = r.recommend("widget portal");
      expect(rec.ambiguous).toBe(true);
      expect(rec.match?.scenario.id).toBe("alpha");
      expect(rec.alternatives.map((a) => a.scenario.id)).toEqual(["beta"]);
    }
  });
});

describe("robustness", () => {
  it("never throws on arbitrary text up to 40,000 characters", () => {
    // The test timeout bounds the whole run; per-question speed is measured by `npm run bench`.
    const text = fc.oneof(
      fc.string({ maxLength: 40_000, size: "max" }),
      fc.string({ unit: "grapheme", maxLength: 5_000 }),
      // Long runs of letters: the costly case for stemming and spelling correction.
      fc
        .array(
          fc.string({
            unit: fc.constantFrom("a", "e", "m", "o", "b", "l"),
            minLength: 1,
            maxLength: 20_000,
          }),
          { maxLength: 4 },
        )
        .map((words) => words.join(" ")),
      fc
        .array(
          fc.constantFrom("<@U1>", "<!channel>", ":x:", "&amp;", "api", "moble", "\u0000", " "),
          {
            maxLength: 8_000,
          },
        )
        .map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(text, (input) => {
        const rec = recommender.recommend(input);
        expect(rec.alternatives.length).toBeLessThanOrEqual(2);
        if (rec.match) expect(rec.match.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("skips letter runs too long to be words (no spell-checking a 40,000-letter 'word')", () => {
    const plain = recommender.recommend("mobile app calling our api");
    const padded = recommender.recommend(
      `mobile app calling our api ${"abcdefghij".repeat(4_000)}`,
    );
    expect(padded.match).toEqual(plain.match);
    expect(padded.why).toEqual(plain.why);
  });

  it("answers a huge message from its first words", () => {
    const huge = `mobile app calling our api ${"lorem ipsum dolor amet consectetur ".repeat(1_500)}`;
    expect(huge.length).toBeGreaterThan(40_000);
    expect(answer(huge)).toBe("mobile-api");
  });
});
