/** §1: per-question latency, index build time and memory of each engine at each catalog size. */
import type { Catalog } from "../src/catalog/types.js";
import { Recommender } from "../src/matching/recommender.js";
import { type EvalCase, evaluate } from "../src/policy/evaluate.js";
import { ENGINES, type Matcher, ours } from "./engines.js";
import { type LatencySummary, measureBuild, median, summarize, timeEach } from "./stats.js";
import { syntheticCatalog } from "./synthetic.js";

export const CATALOG_SIZES = [9, 1_000, 10_000] as const;

export interface EngineRun {
  engine: string;
  cards: number;
  /** Median of the builds that fit the budget (the first build includes JIT warm-up). */
  buildMs: number;
  /** Memory retained by the index after a full GC: JS heap plus typed-array contents. */
  memoryMB: number;
  /** Per question, in µs, after warm-up. */
  latencyUs: LatencySummary;
}

export interface AccuracyRun {
  engine: string;
  /** Best-scoring card right, no threshold: the comparison across engines. */
  top1Best: number;
  /** Ours only: the shipped answer, with the no-match threshold (what `eval` reports). */
  top1Answer?: number;
}

const BUILD_BUDGET_MS = 1_500;
const MAX_BUILDS = 5;

function buildRepeatedly(build: () => Matcher): {
  matcher: Matcher;
  buildMs: number;
  memoryMB: number;
} {
  const times: number[] = [];
  const sizes: number[] = [];
  let matcher: Matcher | undefined;
  while (times.length < MAX_BUILDS && times.reduce((a, b) => a + b, 0) < BUILD_BUDGET_MS) {
    matcher = undefined; // let the previous index go before measuring the next one's memory
    const built = measureBuild(build);
    matcher = built.value;
    times.push(built.ms);
    sizes.push(built.bytes);
  }
  return { matcher: matcher as Matcher, buildMs: median(times), memoryMB: median(sizes) / 2 ** 20 };
}

// Less warm-up and fewer passes on big catalogs, where a peer takes tens of ms per question;
// every question is still timed at least once.
const loopOptions = (cards: number) =>
  cards < 1_000
    ? { warmupCalls: 3_000, maxRounds: 50, budgetMs: 1_000 }
    : { warmupCalls: cards < 10_000 ? 300 : 30, maxRounds: 20, budgetMs: 1_500 };

export function benchLatency(
  real: Catalog,
  questions: readonly string[],
  log: (line: string) => void,
): EngineRun[] {
  const runs: EngineRun[] = [];
  for (const cards of CATALOG_SIZES) {
    const catalog = cards === real.scenarios.length ? real : syntheticCatalog(real, cards);
    for (const engine of ENGINES) {
      const { matcher, buildMs, memoryMB } = buildRepeatedly(() => engine.build(catalog));
      const latencyUs = summarize(timeEach(questions, matcher.answer, loopOptions(cards)));
      runs.push({ engine: engine.name, cards, buildMs, memoryMB, latencyUs });
      log(`  ${engine.name} @ ${cards} cards: p50 ${latencyUs.p50.toFixed(1)} µs`);
    }
  }
  return runs;
}

/** Top-1 on the answerable dev questions with the nine real cards. */
export function benchAccuracy(real: Catalog, cases: readonly EvalCase[]): AccuracyRun[] {
  const answerable = cases.filter((c) => c.expected.length > 0);
  return ENGINES.map((engine) => {
    const matcher = engine.build(real);
    const right = answerable.filter((c) => c.expected.includes(matcher.best(c.text) ?? "")).length;
    const run: AccuracyRun = { engine: engine.name, top1Best: right / answerable.length };
    if (engine === ours) run.top1Answer = evaluate(new Recommender(real), cases).top1;
    return run;
  });
}

export interface PeerRatio {
  cards: number;
  peer: string;
  /** Our latency divided by the peer's: below 1, ours is faster. */
  p50: number;
  p99: number;
  mean: number;
}

export function peerRatios(runs: readonly EngineRun[]): PeerRatio[] {
  return runs.flatMap((peer) => {
    const own = runs.find((r) => r.engine === ours.name && r.cards === peer.cards);
    if (!own || peer === own) return [];
    const ratio = (key: "p50" | "p99" | "mean") => own.latencyUs[key] / peer.latencyUs[key];
    return [
      {
        cards: peer.cards,
        peer: peer.engine,
        p50: ratio("p50"),
        p99: ratio("p99"),
        mean: ratio("mean"),
      },
    ];
  });
}
