import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { crossValidate } from "../../src/policy/cross-validate.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const examples = catalog.scenarios.reduce((n, s) => n + s.examples.length, 0);
const messages = catalog.decline.reduce((n, c) => n + c.messages.length, 0);

describe("crossValidate", () => {
  const { folds, pooled } = crossValidate(catalog, 2);

  it("asks every example and decline message once, in one fold", () => {
    expect(folds).toHaveLength(2);
    expect(pooled.answerable).toBe(examples);
    expect(pooled.unanswerable).toBe(messages);
    expect(folds.reduce((n, f) => n + f.total, 0)).toBe(examples + messages);
  });

  it("pools the folds' rates weighted by their lines", () => {
    const [a, b] = folds;
    if (a === undefined || b === undefined) throw new Error("two folds");
    const top1 = (a.top1 * a.answerable + b.top1 * b.answerable) / (a.answerable + b.answerable);
    expect(pooled.top1).toBeCloseTo(top1, 10);
    expect(pooled.misses).toHaveLength(a.misses.length + b.misses.length);
    // The shipped cards hold up on their own held-out halves, and the figures can fail.
    expect(pooled.top1).toBeGreaterThan(0.7);
    expect(pooled.top1).toBeLessThan(1);
  });

  it("gives the same figures every time", () => {
    expect(crossValidate(catalog, 2).pooled.top1).toBe(pooled.top1);
  });

  it("refuses fewer than two folds", () => {
    expect(() => crossValidate(catalog, 1)).toThrow(/at least 2 folds/);
  });
});
