#!/usr/bin/env node
import { DEFAULT_SCENARIOS_DIR } from "../dist/catalog/catalog-settings.js";
/**
 * Prints k-fold cross-validation over the cards' examples and the decline material (see
 * src/policy/cross-validate.ts): the figures to tune on without an evaluation set.
 *
 *   npm run cross-validate            # 5 folds, the bundled scenarios/ (or SCENARIOS_DIR)
 *   npm run cross-validate -- 10      # 10 folds
 *   npm run cross-validate -- --misses   # and every held-out line that missed
 *
 * Needs a build (npm run build), which the npm script runs first.
 */
import { loadCatalog } from "../dist/catalog/load.js";
import { crossValidate } from "../dist/policy/cross-validate.js";
import { MISS_KIND_LABELS, missesByKindText } from "../dist/policy/evaluate.js";

const k = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const catalog = loadCatalog(process.env.SCENARIOS_DIR || DEFAULT_SCENARIOS_DIR);
const { folds, pooled } = crossValidate(catalog, k);
const pct = (x) => `${(100 * x).toFixed(1)}%`;
console.log(
  `${k}-fold cross-validation: ${pooled.answerable} held-out examples, ${pooled.unanswerable} held-out decline messages`,
);
console.log(`top-1 accuracy   ${pct(pooled.top1)}`);
console.log(`top-3 recall     ${pct(pooled.top3)}`);
console.log(`rejection rate   ${pct(pooled.rejection)}`);
console.log(`false no-match   ${pct(pooled.falseNoMatch)}`);
console.log(`per fold, top-1: ${folds.map((f) => pct(f.top1)).join(" ")}`);
console.log(
  `misses: ${Object.entries(pooled.missesByKind)
    .map(([kind, n]) => `${n} ${MISS_KIND_LABELS[kind]}`)
    .join(", ")}`,
);
// --misses: every held-out line that missed, by kind.
if (process.argv.includes("--misses")) console.log(missesByKindText(pooled));
