import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { questionFromSlack } from "../../src/answer/question.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { Recommender } from "../../src/matching/recommender.js";
import {
  type EvalMiss,
  evaluate,
  missesByKindText,
  parseEvalCases,
} from "../../src/policy/evaluate.js";

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
    // On failure, say what kind of misses moved, and which questions, not only the rate.
    const misses = `${file}: misses by kind\n${missesByKindText(report)}\n`;
    expect(report.total).toBe(total);
    expect(report.top1, misses).toBeGreaterThanOrEqual(0.93);
    expect(report.top3, misses).toBeGreaterThanOrEqual(0.98);
    expect(report.rejection, misses).toBeGreaterThanOrEqual(0.85);
    expect(report.falseNoMatch, misses).toBeLessThanOrEqual(0.03);
  });
});

describe("what a failing floor prints", () => {
  const miss = (kind: EvalMiss["kind"], expected: string[], got: string | null): EvalMiss => ({
    text: `a question ${kind}`,
    expected,
    got,
    score: 0.25,
    kind,
  });

  it("the misses grouped by kind, each with its count, kinds without misses left out", () => {
    const text = missesByKindText({
      misses: [
        miss("same-axis", ["b2b"], "b2c"),
        miss("declined", ["spa-api"], null),
        miss("answered", [], "mobile-api"),
        miss("same-axis", ["b2e"], "b2b"),
      ],
    });
    expect(text.split("\n")).toEqual([
      "on-topic declined (1):",
      '  expected spa-api, got no match (0.25): "a question declined"',
      "off-topic answered (1):",
      '  expected no match, got mobile-api (0.25): "a question answered"',
      "wrong card on the same axis (2):",
      '  expected b2b, got b2c (0.25): "a question same-axis"',
      '  expected b2e, got b2b (0.25): "a question same-axis"',
    ]);
    expect(missesByKindText({ misses: [] })).toBe("no misses");
  });
});
