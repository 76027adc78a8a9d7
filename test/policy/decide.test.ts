import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/catalog.js";
import type { Scenario } from "../../src/catalog/types.js";
import type { ScoredScenario, Search } from "../../src/matching/types.js";
import { decide } from "../../src/policy/decide.js";
import { makeScenario } from "../helpers/scenarios.js";

const B2B = makeScenario("b2b", { axes: { audience: "business" } });
const B2E = makeScenario("b2e", { axes: { audience: "employees" } });
const SPA = makeScenario("spa-api", { axes: { app: "spa" } });
const catalog = createCatalog([B2B, B2E, SPA]);
const { margin } = catalog.policy.closeCall;

function search(ranked: Array<[Scenario, number]>, offTopicOdds = -1): Search {
  return {
    query: "q",
    ranked: ranked.map(([scenario, score]): ScoredScenario => ({ scenario, score })),
    why: ["partner", "companies"],
    offTopicOdds,
    nameWords: 0,
  };
}

describe("decide: the close call", () => {
  it("is one when the runner-up scores within the policy's margin", () => {
    const best = 0.13;
    const rec = decide(
      search([
        [B2B, best],
        [B2E, best * (1 - margin / 2)],
      ]),
      catalog,
    );
    expect(rec.ambiguous).toBe(true);
  });

  it("is none when the runner-up scores half as much", () => {
    const rec = decide(
      search([
        [B2B, 0.13],
        [B2E, 0.06],
      ]),
      catalog,
    );
    expect(rec.ambiguous).toBe(false);
  });

  it("is none when the close runner-up is the card that also applies (the other axis)", () => {
    const rec = decide(
      search([
        [B2B, 0.13],
        [SPA, 0.125],
        [B2E, 0.06],
      ]),
      catalog,
    );
    expect(rec.also?.scenario.id).toBe("spa-api");
    expect(rec.ambiguous).toBe(false);
  });

  it("still is one when the runner-up after the card that also applies is close", () => {
    const rec = decide(
      search([
        [B2B, 0.13],
        [SPA, 0.125],
        [B2E, 0.12],
      ]),
      catalog,
    );
    expect(rec.also?.scenario.id).toBe("spa-api");
    expect(rec.ambiguous).toBe(true);
  });
});
