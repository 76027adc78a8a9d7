/**
 * The bench's questions: `eval/holdout.jsonl`, which every clone has, or the file `BENCH_DEV_SET`
 * names. Nothing here looks beside the repository: the team's evaluation sets outside it are
 * read only by whoever points at them. The recommender never reads any of them.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type EvalCase, parseEvalCases } from "../src/policy/evaluate.js";

export interface QuestionSet {
  /** What the tables call the questions: "dev", "holdout", or the file's name. */
  name: string;
  file: string;
  cases: EvalCase[];
}

export function benchQuestionSet(root: string, env: NodeJS.ProcessEnv = process.env): QuestionSet {
  const chosen = env.BENCH_DEV_SET;
  if (chosen !== undefined && chosen !== "") {
    if (!existsSync(chosen)) throw new Error(`BENCH_DEV_SET: no question file at ${chosen}`);
    return load(path.basename(chosen, ".jsonl"), chosen);
  }
  return load("holdout", path.join(root, "eval/holdout.jsonl"));
}

function load(name: string, file: string): QuestionSet {
  return { name, file, cases: parseEvalCases(readFileSync(file, "utf8"), file) };
}
