import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { questionFromSlack } from "../../src/answer/question.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { Recommender } from "../../src/matching/recommender.js";
import { evaluate, parseEvalCases } from "../../src/policy/evaluate.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const recommender = new Recommender(loadCatalog(DEFAULT_SCENARIOS_DIR));

function score(file: string) {
  const source = path.join(ROOT, file);
  // As `scenario-bot eval` reads them: messages as Slack delivers them.
  const cases = parseEvalCases(readFileSync(source, "utf8"), source);
  return evaluate(recommender, cases, (text) => questionFromSlack(text).text);
}

// Floors a little under what the shipped cards reach (see docs/cards-and-matching.md, Quality),
// so that a change that makes matching worse in general fails here.
describe("matching quality", () => {
  it.each([
    ["eval/fresh.jsonl", 295],
    ["eval/holdout.jsonl", 180],
    // Frozen before any tuning against it; issue-tracker and forum registers (eval/README.md).
    ["eval/real-style.jsonl", 128],
  ])("%s stays above its floor", (file, total) => {
    const report = score(file);
    // On failure, say what kind of misses moved, not only the rate.
    const misses = `misses by kind: ${JSON.stringify(report.missesByKind)}`;
    expect(report.total).toBe(total);
    expect(report.top1, misses).toBeGreaterThanOrEqual(0.93);
    expect(report.top3, misses).toBeGreaterThanOrEqual(0.98);
    expect(report.rejection, misses).toBeGreaterThanOrEqual(0.85);
    expect(report.falseNoMatch, misses).toBeLessThanOrEqual(0.03);
  });
});
