import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/settings.js";
import { evaluate, parseEvalCases } from "../../src/matching/evaluate.js";
import { Recommender } from "../../src/matching/recommender.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const HOLDOUT = path.join(ROOT, "eval/holdout.jsonl");

describe("matching quality on eval/holdout.jsonl", () => {
  // A floor a little under what the shipped cards reach (see README, Quality), so that a change
  // that makes matching worse in general fails here.
  it("stays above its floor", () => {
    const cases = parseEvalCases(readFileSync(HOLDOUT, "utf8"), HOLDOUT);
    const report = evaluate(new Recommender(loadCatalog(DEFAULT_SCENARIOS_DIR)), cases);
    expect(report.total).toBe(180);
    expect(report.top1).toBeGreaterThanOrEqual(0.9);
    expect(report.top3).toBeGreaterThanOrEqual(0.98);
    expect(report.rejection).toBeGreaterThanOrEqual(0.78);
    expect(report.falseNoMatch).toBeLessThanOrEqual(0.03);
  });
});
