import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { createCatalog, loadCatalog } from "../../src/catalog/load.js";
import { analyze } from "../../src/matching/analyzer.js";
import { Recommender } from "../../src/matching/recommender.js";
import { conceptTerm, readTerms } from "../../src/matching/search-index.js";
import { recommend } from "../helpers/recommend.js";
import { makeScenario } from "../helpers/scenarios.js";
import { tempDir } from "../helpers/tmp.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const recommender = new Recommender(catalog);
const answer = (text: string) => recommend(recommender, text).match?.scenario.id ?? null;
const READ = { phraseWordWeight: 0.5, conceptWeight: 1 };

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
    const rec = recommend(recommender, "emploees authentcation with actve directory");
    expect(rec.match?.scenario.id).toBe("b2e");
    // The why-line quotes the user, typos and all.
    expect(rec.why).toContain("actve directory");
  });

  it("matches multi-word phrases as terms of their own", () => {
    const rec = recommend(recommender, "machine-to-machine calls between services");
    expect(rec.match?.scenario.id).toBe("server-api");
    expect(rec.why).toContain("machine-to-machine");
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
    expect(recommend(recommender, text).match).toBeNull();
  });

  it("declines identity questions that are not a choice of architecture", () => {
    // Written for this test from the gate's categories: an error, a setting, pricing, ownership.
    const questions = [
      "who owns the okta admin console for our employees",
      "what does auth0 cost for 50k monthly active users",
      "can someone give me admin on the auth0 tenant",
      "our react spa shows an invalid_grant error after login",
      "what is the default access token lifetime for our mobile app",
    ];
    for (const q of questions) expect(recommend(recommender, q).match, q).toBeNull();
  });

  it("answers an on-topic question even when its evidence is thin, as a best guess", () => {
    // Says neither what kind of app nor who signs in: a best guess, not "no match".
    const thin = recommend(recommender, "our portal needs login");
    expect(thin.match).not.toBeNull();
    expect(thin.confidence).toBe("low");
    const clear = recommend(recommender, "Vue SPA calling our REST API, where should tokens live?");
    expect(clear.match?.scenario.id).toBe("spa-api");
    expect(clear.confidence).toBe("high");
    expect(recommend(recommender, "hello there").confidence).toBeNull();
  });

  it("knows technologies and audiences from the concept lexicons, not only the cards' words", () => {
    // "Stencil" is in no card: it is a concept term of single-page apps.
    const stencil = recommend(recommender, "our Stencil frontend calls our API");
    expect(stencil.match?.scenario.id).toBe("spa-api");
    expect(stencil.why).toContain("Stencil");
    const unguided = new Recommender(
      createCatalog(
        catalog.scenarios.map((s) => ({ ...s, concepts: [] })),
        catalog.concepts,
      ),
    );
    expect(recommend(unguided, "our Stencil frontend calls our API").why).not.toContain("Stencil");
  });

  it("lets an ambiguous term count only beside other evidence", () => {
    // "Tornado" is a Python web framework, or the weather: alone it decides nothing.
    expect(recommend(recommender, "tornado").match).toBeNull();
    expect(recommend(recommender, "tornado").why).toEqual([]);
    const beside = recommend(recommender, "tornado web app with server-side sessions and sso");
    expect(beside.why).toContain("tornado");
  });

  it("names a compound concept when its parts are named together", () => {
    const both = recommend(
      recommender,
      "our employees and the staff of our business customers use the same portal",
    );
    expect(both.match?.scenario.id).toBe("b2b-b2e");
  });

  it("reads a word inside a longer name as that name's, not as a concept of its own", () => {
    const concepts = (text: string) =>
      [...readTerms(analyze(text), recommender.index, READ).keys()].filter((t) =>
        t.startsWith("~"),
      );
    // "employees" alone names the company's own staff; inside "our customers' employees", not.
    const theirs = "our customers' employees sign in with their company's Okta";
    expect(concepts(theirs)).toContain(conceptTerm("business-customers"));
    expect(concepts(theirs)).not.toContain(conceptTerm("employees"));
    expect(answer(theirs)).toBe("b2b");
    expect(concepts("our employees sign in with Okta")).toContain(conceptTerm("employees"));
    // A part of the phrase's own compound still counts: "staff and partners" names both.
    expect(concepts("login for our staff and partners")).toEqual(
      expect.arrayContaining([conceptTerm("employees"), conceptTerm("business-customers")]),
    );
  });

  it("moves a named compound's evidence from its parts to it, by the policy's share", () => {
    const text = "our employees use Azure AD and our customers' users their own identity providers";
    const count = (compoundPartShare: number, concept: string) =>
      readTerms(analyze(text), recommender.index, { ...READ, compoundPartShare }).get(
        conceptTerm(concept),
      )?.count ?? 0;
    expect(count(1, "both-audiences")).toBeGreaterThan(0);
    expect(count(0.5, "employees")).toBeCloseTo(count(1, "employees") * 0.5);
    expect(count(0.5, "business-customers")).toBeCloseTo(count(1, "business-customers") * 0.5);
    expect(count(0.5, "both-audiences")).toBe(count(1, "both-audiences"));
    expect(catalog.policy.ranking.namedCompoundPartShare).toBeLessThan(1);
  });

  it("weighs the ask of a long message beside the whole of it in the gate", () => {
    const whole = new Recommender(
      createCatalog(catalog.scenarios, catalog.concepts, {
        policy: { ...catalog.policy, decline: { ...catalog.policy.decline, askWeight: 0 } },
        decline: catalog.decline,
        onTopic: catalog.onTopic,
      }),
    );
    expect(catalog.policy.decline.askWeight).toBeGreaterThan(0);
    const odds = (r: Recommender, text: string) => r.search(text).offTopicOdds;
    // Asks for an architecture, with an error as context: more on topic than the whole reads.
    const choosing =
      "Which setup fits a React SPA calling our Node API? For context, we had a CORS error yesterday and the refresh token failed twice with invalid_grant, logs attached.";
    expect(odds(recommender, choosing)).toBeLessThan(odds(whole, choosing));
    // Asks about an error, with the architecture as context: more off topic.
    const debugging =
      "Refresh token fails with invalid_grant after 24 hours. Our React SPA calls our Node API through the Auth0 SDK and everything else works fine.";
    expect(odds(recommender, debugging)).toBeGreaterThan(odds(whole, debugging));
    // A one-sentence question is all ask: the same either way.
    expect(odds(recommender, "mobile app calling an API")).toBe(
      odds(whole, "mobile app calling an API"),
    );
  });

  it("lets a corrected typo count for a card, not for the gate", () => {
    const typo = recommender.search("moble app calling an api");
    expect(typo.ranked[0]?.scenario.id).toBe("mobile-api");
    // The gate reads "moble" as written: a word it has never seen, like any other.
    expect(typo.offTopicOdds).toBe(recommender.search("zzqxv app calling an api").offTopicOdds);
    expect(typo.offTopicOdds).not.toBe(
      recommender.search("mobile app calling an api").offTopicOdds,
    );
  });

  it("quotes only what the user wrote, never a phrase across dropped words", () => {
    for (const q of [
      "we sell to businesses but our own employees use it too",
      "Machine-to-machine calls between our services",
      "iOS app + API. Android next",
    ]) {
      const why = recommend(recommender, q).why;
      expect(why.length).toBeGreaterThan(0);
      for (const quoted of why) expect(q.toLowerCase()).toContain(quoted.toLowerCase());
    }
    expect(
      recommend(recommender, "we sell to businesses but our own employees use it too").why,
    ).not.toContain("business to employees");
  });

  it("is not drowned by pasted logs and stack traces", () => {
    const short = "our react spa calls our node api, which flow should we use?";
    const frames = Array.from(
      { length: 200 },
      (_, i) => `    at Invoice.process (/srv/billing/invoice.js:${i}:7)`,
    ).join("\n");
    const long = `${short}\n\`\`\`\nError: billing invoice job failed\n${frames}\n\`\`\`\nthanks`;
    expect(recommend(recommender, long).match?.scenario.id).toBe("spa-api");
    expect(recommend(recommender, long).why).toEqual(recommend(recommender, short).why);
  });

  it("offers up to two alternatives and explains the answer", () => {
    const rec = recommend(recommender, "react single page app calling our api");
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

  it("is deterministic: same catalog and question, same answer", () => {
    const again = new Recommender(loadCatalog(DEFAULT_SCENARIOS_DIR));
    for (const q of ["spa with react", "b2b saas", "employees with okta", "hello", "api"]) {
      expect(recommend(again, q)).toEqual(recommend(recommender, q));
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
      const rec = recommend(r, "widget portal");
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
        const rec = recommend(recommender, input);
        expect(rec.alternatives.length).toBeLessThanOrEqual(2);
        if (rec.match) expect(rec.match.score).toBeLessThanOrEqual(1);
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it("skips letter runs too long to be words (no spell-checking a 40,000-letter 'word')", () => {
    const plain = recommend(recommender, "mobile app calling our api");
    const padded = recommend(
      recommender,
      `mobile app calling our api ${"abcdefghij".repeat(4_000)}`,
    );
    expect(padded.match).toEqual(plain.match);
    expect(padded.why).toEqual(plain.why);
  });

  it("answers a huge message: a question followed by a long pasted log", () => {
    const log = "2026-11-25T10:00:00Z INFO request id=7f3a path=/v1/items status=200 ms=12\n";
    const huge = `mobile app calling our api, which flow?\n${log.repeat(600)}`;
    expect(huge.length).toBeGreaterThan(40_000);
    expect(answer(huge)).toBe("mobile-api");
  });
});

describe("a company's own card", () => {
  // A tenth scenario with its own examples and its own concept file: found without code changes.
  const dir = tempDir("company-cards");
  cpSync(DEFAULT_SCENARIOS_DIR, dir, { recursive: true });
  mkdirSync(path.join(dir, "concepts"), { recursive: true });
  writeFileSync(
    path.join(dir, "concepts", "devices.yml"),
    [
      "input-constrained-device:",
      "  about: Devices with no browser or keyboard to type a password on.",
      "  terms: [smart tv, roku, apple tv, fire tv, set-top box, game console, kiosk, smart speaker]",
      "  ambiguous: [box]",
    ].join("\n"),
  );
  writeFileSync(
    path.join(dir, "device-flow.md"),
    [
      "---",
      "id: device-flow",
      "title: Input-Constrained Device + API",
      "summary: A device without a usable browser signs the user in on a second screen with a short code and calls your API.",
      "docs_path: /get-started/authentication-and-authorization-flow/device-authorization-flow",
      "status: published",
      "protocols: [OAuth 2.0]",
      "flows: []",
      "keywords: [device code, user code, second screen, activation code]",
      "examples:",
      '  - "our streaming app on televisions needs users to log in by typing a code on their phone"',
      '  - "how does a living-room device without a keyboard get an access token for our api"',
      '  - "activation code shown on screen, user confirms on the laptop, then the device calls our backend"',
      '  - "sign in on the tv app without typing a password with the remote"',
      '  - "set-top box users confirm the login on their phone"',
      "concepts: [input-constrained-device, api-backend]",
      "---",
      "Users sign in on their phone or laptop while the device polls for a token.",
    ].join("\n"),
  );
  const company = new Recommender(loadCatalog(dir));

  it.each([
    "Roku channel needs our subscribers to sign in, then call our content api",
    "login on a smart TV app where typing a password with the remote is painful",
    "kiosk in the lobby should show a code so visitors sign in from their own phone",
  ])("%s → device-flow", (q) => {
    expect(recommend(company, q).match?.scenario.id).toBe("device-flow");
  });

  it("still answers the shipped scenarios as before", () => {
    expect(recommend(company, "mobile app calling an API").match?.scenario.id).toBe("mobile-api");
  });
});
