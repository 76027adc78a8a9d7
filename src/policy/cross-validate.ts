/**
 * K-fold cross-validation over the catalog's own material: the figures tuning may look at
 * without any evaluation set. Fold f holds out every k-th example of each card (starting at f)
 * and every k-th message of each decline category, builds a recommender on the rest, and asks
 * the held-out lines: an example should get its card, a decline message no match. The folds'
 * answers are pooled into one report. Deterministic: the same catalog gives the same figures.
 */
import { createCatalog } from "../catalog/catalog.js";
import type { Catalog } from "../catalog/types.js";
import { Recommender } from "../matching/recommender.js";
import { type EvalCase, type EvalReport, evaluate } from "./evaluate.js";

/** The report of each fold, and all of them pooled. */
export interface CrossValidation {
  folds: EvalReport[];
  pooled: EvalReport;
}

const held = (i: number, fold: number, k: number) => i % k === fold;

export function crossValidate(catalog: Catalog, k = 5): CrossValidation {
  if (!Number.isInteger(k) || k < 2) throw new Error("cross-validation needs at least 2 folds");
  const folds: EvalReport[] = [];
  for (let fold = 0; fold < k; fold++) {
    const cases: EvalCase[] = [];
    const scenarios = catalog.scenarios.map((s) => {
      s.examples.forEach((text, i) => {
        if (held(i, fold, k)) cases.push({ text, expected: [s.id] });
      });
      return { ...s, examples: s.examples.filter((_, i) => !held(i, fold, k)) };
    });
    const decline = catalog.decline.map((c) => {
      c.messages.forEach((text, i) => {
        if (held(i, fold, k)) cases.push({ text, expected: [] });
      });
      return { ...c, messages: c.messages.filter((_, i) => !held(i, fold, k)) };
    });
    const trained = createCatalog(scenarios, catalog.concepts, {
      policy: catalog.policy,
      decline,
      onTopic: catalog.onTopic,
    });
    folds.push(evaluate(new Recommender(trained), cases));
  }
  return { folds, pooled: pool(folds) };
}

/** The folds' reports as one: counts added, rates over all the held-out lines. */
function pool(folds: readonly EvalReport[]): EvalReport {
  const sum = (pick: (r: EvalReport) => number) => folds.reduce((n, r) => n + pick(r), 0);
  const answerable = sum((r) => r.answerable);
  const unanswerable = sum((r) => r.unanswerable);
  const rate = (pick: (r: EvalReport) => number, of: (r: EvalReport) => number, total: number) =>
    total === 0 ? 0 : sum((r) => pick(r) * of(r)) / total;
  const confusion: EvalReport["confusion"] = {};
  for (const r of folds) {
    for (const [expected, row] of Object.entries(r.confusion)) {
      const into = confusion[expected] ?? {};
      confusion[expected] = into;
      for (const [got, n] of Object.entries(row)) into[got] = (into[got] ?? 0) + n;
    }
  }
  const misses = folds.flatMap((r) => r.misses);
  const missesByKind = { ...(folds[0] as EvalReport).missesByKind };
  for (const kind of Object.keys(missesByKind) as Array<keyof typeof missesByKind>)
    missesByKind[kind] = sum((r) => r.missesByKind[kind]);
  return {
    total: sum((r) => r.total),
    answerable,
    unanswerable,
    top1: rate(
      (r) => r.top1,
      (r) => r.answerable,
      answerable,
    ),
    top3: rate(
      (r) => r.top3,
      (r) => r.answerable,
      answerable,
    ),
    rejection: rate(
      (r) => r.rejection,
      (r) => r.unanswerable,
      unanswerable,
    ),
    falseNoMatch: rate(
      (r) => r.falseNoMatch,
      (r) => r.answerable,
      answerable,
    ),
    confusion,
    misses,
    missesByKind,
  };
}
