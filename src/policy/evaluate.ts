import { z } from "zod";
import { AXES } from "../catalog/axes.js";
import type { Recommender } from "../matching/recommender.js";
import { decide } from "./decide.js";

/** One line of an evaluation file: a question and the scenario ids that count as right. */
export const evalCaseSchema = z.object({
  text: z.string(),
  /** Empty: no scenario fits, and "no match" is the right answer. */
  expected: z.array(z.string()),
});
export type EvalCase = z.infer<typeof evalCaseSchema>;

/**
 * What kind of miss: an on-topic question declined, an off-topic one answered, or the wrong
 * card, on the same axis as the right one (another kind of app, another audience) or not.
 */
export const MISS_KINDS = ["declined", "answered", "same-axis", "other-axis"] as const;
export type MissKind = (typeof MISS_KINDS)[number];

/** Each kind of miss, said plainly. */
export const MISS_KIND_LABELS: Record<MissKind, string> = {
  declined: "on-topic declined",
  answered: "off-topic answered",
  "same-axis": "wrong card on the same axis",
  "other-axis": "wrong card on the other axis",
};

export interface EvalMiss {
  text: string;
  expected: string[];
  /** The answer given, or null for no match. */
  got: string | null;
  score: number;
  kind: MissKind;
}

export interface EvalReport {
  total: number;
  answerable: number;
  unanswerable: number;
  /** Share of answerable questions whose answer is right (no match counts as wrong). */
  top1: number;
  /** Share of answerable questions with a right id among the three best candidates. */
  top3: number;
  /** Share of unanswerable questions answered with no match. */
  rejection: number;
  /** Share of answerable questions answered with no match. */
  falseNoMatch: number;
  /**
   * How often each expected answer got each answer: `confusion[expected][got]`, where expected
   * is the first expected id (or "none") and got the answer's id (or "none").
   */
  confusion: Record<string, Record<string, number>>;
  misses: EvalMiss[];
  /** How many misses of each kind. */
  missesByKind: Record<MissKind, number>;
}

/** The label of "no match" in a confusion table. */
export const NONE = "none";

/** A case and the line of the file it is on (from 1). */
export type NumberedEvalCase = EvalCase & { line: number };

/** Parses JSONL evaluation text; throws with the line number of the first bad line. */
export function parseEvalCases(jsonl: string, source = "input"): NumberedEvalCase[] {
  const cases: NumberedEvalCase[] = [];
  jsonl.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`${source}:${i + 1}: not valid JSON`);
    }
    const parsed = evalCaseSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(`${source}:${i + 1}: expected {"text": string, "expected": string[]}`);
    }
    cases.push({ ...parsed.data, line: i + 1 });
  });
  return cases;
}

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

/**
 * Scores the answers to labelled questions: the recommender's search, then the answer policy's
 * decision (decide.ts). `prepare` turns each text into what the recommender reads (the CLI passes Slack-formatted lines through the Slack edge's parser).
 */
export function evaluate(
  recommender: Pick<Recommender, "search" | "rank" | "catalog">,
  cases: readonly EvalCase[],
  prepare: (text: string) => string = (text) => text,
): EvalReport {
  let top1 = 0;
  let top3 = 0;
  let rejected = 0;
  let falseNoMatch = 0;
  const misses: EvalMiss[] = [];
  const axesOf = new Map(recommender.catalog.scenarios.map((s) => [s.id, s.axes]));
  const kindOf = (expected: string[], got: string | null): MissKind => {
    if (expected.length === 0) return "answered";
    if (got === null) return "declined";
    const answered = axesOf.get(got) ?? {};
    const sameAxis = expected.some((id) =>
      AXES.some((axis) => axesOf.get(id)?.[axis] !== undefined && answered[axis] !== undefined),
    );
    return sameAxis ? "same-axis" : "other-axis";
  };
  const confusion: Record<string, Record<string, number>> = {};
  for (const { text: raw, expected } of cases) {
    const text = prepare(raw);
    const { match, alternatives } = decide(recommender.search(text), recommender.catalog);
    const got = match ? match.scenario.id : null;
    const row = confusion[expected[0] ?? NONE] ?? {};
    confusion[expected[0] ?? NONE] = row;
    row[got ?? NONE] = (row[got ?? NONE] ?? 0) + 1;
    // Without a match, the best candidate leads the suggestions.
    const score = (match ?? alternatives[0])?.score ?? 0;
    if (expected.length === 0) {
      if (got === null) rejected++;
      else misses.push({ text: raw, expected, got, score, kind: kindOf(expected, got) });
      continue;
    }
    if (got !== null && expected.includes(got)) top1++;
    else misses.push({ text: raw, expected, got, score, kind: kindOf(expected, got) });
    if (got === null) falseNoMatch++;
    if (recommender.rank(text, 3).some((c) => expected.includes(c.scenario.id))) top3++;
  }
  const unanswerable = cases.filter((c) => c.expected.length === 0).length;
  const answerable = cases.length - unanswerable;
  return {
    total: cases.length,
    answerable,
    unanswerable,
    top1: share(top1, answerable),
    top3: share(top3, answerable),
    rejection: share(rejected, unanswerable),
    falseNoMatch: share(falseNoMatch, answerable),
    confusion,
    misses,
    missesByKind: Object.fromEntries(
      MISS_KINDS.map((kind) => [kind, misses.filter((m) => m.kind === kind).length]),
    ) as Record<MissKind, number>,
  };
}

/** One miss on one line: what was expected, what was answered (with its score), the question. */
export function missLine(miss: EvalMiss): string {
  const expected = miss.expected.length ? miss.expected.join("|") : "no match";
  return `expected ${expected}, got ${miss.got ?? "no match"} (${miss.score.toFixed(2)}): ${JSON.stringify(miss.text)}`;
}

/**
 * The misses grouped by kind, each kind with its count and its misses, kinds without any left
 * out: what a failing quality floor prints, so that it says which way matching got worse.
 */
export function missesByKindText(report: Pick<EvalReport, "misses">): string {
  if (report.misses.length === 0) return "no misses";
  return MISS_KINDS.flatMap((kind) => {
    const misses = report.misses.filter((m) => m.kind === kind);
    if (misses.length === 0) return [];
    return [
      `${MISS_KIND_LABELS[kind]} (${misses.length}):`,
      ...misses.map((m) => `  ${missLine(m)}`),
    ];
  }).join("\n");
}
