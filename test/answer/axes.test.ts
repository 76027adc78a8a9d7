import { describe, expect, it } from "vitest";
import { fillFromCandidates, guidedCards, offeredValues } from "../../src/answer/axes.js";
import { complementary, parseAxisValue } from "../../src/catalog/axes.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { createCatalog, loadCatalog } from "../../src/catalog/load.js";
import type { Scenario } from "../../src/catalog/types.js";
import { Recommender } from "../../src/matching/recommender.js";
import type { ScoredScenario } from "../../src/matching/types.js";
import {
  alsoApplies as alsoAppliesWith,
  type Candidates,
  clarifyingQuestion,
  openAxis,
} from "../../src/policy/decide.js";
import { recommend } from "../helpers/recommend.js";
import { makeScenario } from "../helpers/scenarios.js";

const spa = makeScenario("spa-api", { axes: { app: "spa" } });
const mobile = makeScenario("mobile-api", { axes: { app: "native" } });
const web = makeScenario("web-app-sso", { axes: { app: "web" } });
const b2b = makeScenario("b2b", { axes: { audience: "business" } });
const b2e = makeScenario("b2e", { axes: { audience: "employees" } });
const both = makeScenario("b2b-b2e", { axes: { audience: "both" } });
const loose = makeScenario("glossary");
const catalog = createCatalog([spa, mobile, web, b2b, b2e, both, loose]);

const alsoApplies = (a: Candidates, minShare = catalog.policy.alsoApplies.minShare) =>
  alsoAppliesWith(a, { alsoApplies: { minShare } });

const scored = (scenario: Scenario, score: number): ScoredScenario => ({ scenario, score });

function answer(
  confidence: Candidates["confidence"],
  match: ScoredScenario | null,
  ...alternatives: ScoredScenario[]
): Candidates {
  return { match, alternatives, confidence };
}

describe("openAxis: the one question that settles a best guess", () => {
  it("is who signs in when a low answer's top two are both audiences", () => {
    expect(openAxis(answer("low", scored(b2b, 0.3), scored(b2e, 0.28)))).toBe("audience");
  });

  it("is the kind of app when they are both apps", () => {
    expect(openAxis(answer("low", scored(spa, 0.3), scored(mobile, 0.2), scored(b2b, 0.1)))).toBe(
      "app",
    );
  });

  it("is nothing for a high answer, however close", () => {
    expect(openAxis(answer("high", scored(b2b, 0.3), scored(b2e, 0.29)))).toBeNull();
  });

  it("is nothing when the top two sit on different axes (that is Also applies)", () => {
    expect(openAxis(answer("low", scored(spa, 0.3), scored(b2b, 0.29)))).toBeNull();
  });

  it("is nothing without a runner-up, a match, or axes on both", () => {
    expect(openAxis(answer("low", scored(spa, 0.3)))).toBeNull();
    expect(openAxis(answer(null, null, scored(spa, 0.05), scored(mobile, 0.04)))).toBeNull();
    expect(openAxis(answer("low", scored(loose, 0.3), scored(spa, 0.2)))).toBeNull();
    expect(openAxis(answer("low", scored(spa, 0.3), scored(loose, 0.2)))).toBeNull();
  });

  it("is nothing when two axes differ, or one card declares an axis the other does not", () => {
    const spaB2b = makeScenario("spa-b2b", { axes: { app: "spa", audience: "business" } });
    const nativeB2e = makeScenario("native-b2e", {
      axes: { app: "native", audience: "employees" },
    });
    expect(openAxis(answer("low", scored(spaB2b, 0.3), scored(nativeB2e, 0.2)))).toBeNull();
    expect(openAxis(answer("low", scored(spaB2b, 0.3), scored(spa, 0.2)))).toBeNull();
  });
});

describe("clarifyingQuestion", () => {
  it("offers every value a card holds, each leading to that card, the match's own included", () => {
    const question = clarifyingQuestion(answer("low", scored(b2b, 0.3), scored(b2e, 0.2)), catalog);
    expect(question?.question).toBe("Who signs in?");
    expect(question?.options.map((o) => [o.value, o.label, o.scenario.id])).toEqual([
      ["employees", "Your employees", "b2e"],
      ["business", "Your business customers' people", "b2b"],
      ["both", "Both", "b2b-b2e"],
    ]);
  });

  it("stays where the match sits on the other axis (a company's cards on both axes)", () => {
    const spaB2b = makeScenario("spa-b2b", { axes: { app: "spa", audience: "business" } });
    const spaB2e = makeScenario("spa-b2e", { axes: { app: "spa", audience: "employees" } });
    const company = createCatalog([...catalog.scenarios, spaB2b, spaB2e]);
    const question = clarifyingQuestion(
      answer("low", scored(spaB2b, 0.3), scored(spaB2e, 0.2)),
      company,
    );
    expect(question?.options.map((o) => o.scenario.id)).toEqual(["spa-b2e", "spa-b2b"]);
  });

  it("is null when no axis is open", () => {
    expect(
      clarifyingQuestion(answer("high", scored(b2b, 0.3), scored(b2e, 0.2)), catalog),
    ).toBeNull();
  });
});

describe("alsoApplies: a question that speaks to both axes", () => {
  it("is the first runner-up on the other axis scoring at least 0.6 × the best", () => {
    const a = answer("high", scored(b2b, 0.3), scored(b2e, 0.25), scored(spa, 0.18));
    expect(alsoApplies(a)?.scenario.id).toBe("spa-api");
    expect(alsoApplies(answer("high", scored(b2b, 0.3), scored(spa, 0.17)))).toBeNull();
    expect(alsoApplies(a, 0.7)).toBeNull();
  });

  it("never names a card on the same axis, one without axes, or anything without a match", () => {
    expect(alsoApplies(answer("low", scored(b2b, 0.3), scored(b2e, 0.29)))).toBeNull();
    expect(alsoApplies(answer("low", scored(b2b, 0.3), scored(loose, 0.29)))).toBeNull();
    expect(alsoApplies(answer(null, null, scored(b2b, 0.3), scored(spa, 0.29)))).toBeNull();
  });

  it("complementary: each declares an axis, none in common", () => {
    expect(complementary({ app: "spa" }, { audience: "public" })).toBe(true);
    expect(complementary({ app: "spa" }, { app: "web" })).toBe(false);
    expect(complementary({ app: "spa", audience: "public" }, { audience: "both" })).toBe(false);
    expect(complementary({}, { audience: "both" })).toBe(false);
  });
});

describe("guidedCards: from a choice of axes to cards", () => {
  it("one axis: the card placed there", () => {
    expect(guidedCards(catalog, { app: "native" })).toEqual({ lead: mobile, also: null });
    expect(guidedCards(catalog, { audience: "both" })).toEqual({ lead: both, also: null });
  });

  it("both axes: the app card, with the audience card as Also applies", () => {
    expect(guidedCards(catalog, { app: "spa", audience: "business" })).toEqual({
      lead: spa,
      also: b2b,
    });
  });

  it("both axes and a card placed exactly there: that card alone", () => {
    const spaB2b = makeScenario("spa-b2b", { axes: { app: "spa", audience: "business" } });
    const company = createCatalog([...catalog.scenarios, spaB2b]);
    expect(guidedCards(company, { app: "spa", audience: "business" })).toEqual({
      lead: spaB2b,
      also: null,
    });
  });

  it("a value no card holds alone falls back to the closest card; nothing chosen is null", () => {
    const spaB2e = makeScenario("spa-b2e", { axes: { app: "spa", audience: "employees" } });
    const only = createCatalog([spaB2e, b2b]);
    expect(guidedCards(only, { app: "spa" })).toEqual({ lead: spaB2e, also: null });
    expect(guidedCards(only, { app: "spa", audience: "business" })).toEqual({
      lead: b2b,
      also: null,
    });
    expect(guidedCards(only, { app: "web" })).toBeNull();
    expect(guidedCards(only, {})).toBeNull();
  });

  it("offers only the values some card holds, in the axis's order", () => {
    expect(offeredValues(catalog, "app")).toEqual(["web", "spa", "native"]);
    expect(offeredValues(catalog, "audience")).toEqual(["employees", "business", "both"]);
  });

  it("fills an axis left open from free text's candidates", () => {
    const candidates = [scored(web, 0.3), scored(b2e, 0.2), scored(b2b, 0.1)];
    expect(fillFromCandidates({ app: "spa" }, candidates)).toEqual({
      app: "spa",
      audience: "employees",
    });
    expect(fillFromCandidates({ audience: "business" }, candidates)).toEqual({
      app: "web",
      audience: "business",
    });
  });

  it("reads values and their aliases, case aside", () => {
    expect(parseAxisValue("audience", "B2B")).toBe("business");
    expect(parseAxisValue("audience", "public")).toBe("public");
    expect(parseAxisValue("app", "mobile")).toBe("native");
    expect(parseAxisValue("app", "desktop")).toBeUndefined();
  });
});

describe("on the shipped catalog and matcher", () => {
  const shipped = loadCatalog(DEFAULT_SCENARIOS_DIR);
  const recommender = new Recommender(shipped);
  const ask = (text: string) => {
    const recommendation = recommend(recommender, text);
    return { ...recommendation, also: alsoApplies(recommendation) };
  };

  it("asks who signs in when a team and clients leave the audience open", () => {
    const a = ask("sign-in for our team and our clients");
    expect(a.confidence).toBe("low");
    expect(clarifyingQuestion(a, shipped)?.options.map((o) => o.scenario.id)).toEqual([
      "b2e",
      "b2b",
      "b2b-b2e",
      "b2c",
    ]);
  });

  it("asks what kind of app when only an app and an API are named", () => {
    const a = ask("an app that calls our API");
    expect(clarifyingQuestion(a, shipped)?.options.map((o) => o.scenario.id)).toEqual([
      "web-app-sso",
      "web-saml",
      "spa-api",
      "mobile-api",
      "server-api",
    ]);
  });

  it("names both sides when a React front end serves SaaS customers with their own Okta", () => {
    const a = ask("SaaS customers with their own Okta, React front end");
    expect([a.match?.scenario.id, a.also?.scenario.id]).toEqual(["spa-api", "b2b"]);
  });

  it("asks nothing when the answer is sure", () => {
    const a = ask("a native ios app for consumers calling our api");
    expect(a.confidence).toBe("high");
    expect(clarifyingQuestion(a, shipped)).toBeNull();
  });

  it("every combination the chooser offers leads to a card", () => {
    for (const app of [undefined, ...offeredValues(shipped, "app")]) {
      for (const audience of [undefined, ...offeredValues(shipped, "audience")]) {
        if (app === undefined && audience === undefined) continue;
        const cards = guidedCards(shipped, { app, audience });
        expect(cards?.lead.axes.app ?? cards?.lead.axes.audience).toBe(app ?? audience);
        expect(cards?.also?.axes.audience).toBe(app && audience);
      }
    }
  });
});
