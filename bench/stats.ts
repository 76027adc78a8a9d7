/** Small statistics and measurement helpers shared by every bench section. */
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export interface LatencySummary {
  /** Samples behind the figures. */
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export interface LoopOptions {
  /** Untimed calls first (cycling through the inputs), so the JIT and caches are warm. */
  warmupCalls: number;
  /** Timed passes: at least one, at most this many… */
  maxRounds: number;
  /** …stopping after the pass that crosses this budget, to keep the whole bench short. */
  budgetMs: number;
}

/**
 * Per-call latency in µs of `fn` over `inputs`, pass after pass. Each call is timed on its own
 * (performance.now() costs well under a microsecond), so p99 shows the slow questions.
 */
export function timeEach<T>(
  inputs: readonly T[],
  fn: (input: T) => unknown,
  options: LoopOptions,
): number[] {
  for (let i = 0; i < options.warmupCalls; i++) fn(inputs[i % inputs.length] as T);
  const samples: number[] = [];
  const start = performance.now();
  for (let r = 0; r < options.maxRounds; r++) {
    for (const input of inputs) {
      const t0 = performance.now();
      fn(input);
      samples.push((performance.now() - t0) * 1000);
    }
    if (performance.now() - start > options.budgetMs) break;
  }
  return samples;
}

// `npm run bench` runs plain `node`: turn on gc() at run time instead of asking for a flag.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/**
 * Memory in use after a full collection, in bytes: the JS heap plus ArrayBuffer contents, which
 * live outside it (the recommender keeps its postings in typed arrays).
 */
export function settledMemory(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Builds with `build`, returning the result, the wall time in ms and the memory it retains. */
export function measureBuild<R>(build: () => R): { value: R; ms: number; bytes: number } {
  const before = settledMemory();
  const t0 = performance.now();
  const value = build();
  const ms = performance.now() - t0;
  const bytes = settledMemory() - before;
  return { value, ms, bytes };
}
