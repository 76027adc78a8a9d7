/** `npm run bench` works from a fresh clone: its questions come from the repository. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { benchQuestionSet } from "../../bench/questions.js";
import { tempDir } from "../helpers/tmp.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const line = (text: string) => `${JSON.stringify({ text, expected: [] })}\n`;

/** A checkout at <tmp>/repo, with the holdout set and optionally a dev set beside it. */
function checkout(devSet: boolean): string {
  const base = tempDir("bench-questions");
  mkdirSync(path.join(base, "repo/eval"), { recursive: true });
  writeFileSync(path.join(base, "repo/eval/holdout.jsonl"), line("holdout question"));
  if (devSet) {
    mkdirSync(path.join(base, "shared/eval"), { recursive: true });
    writeFileSync(path.join(base, "shared/eval/dev.jsonl"), line("dev question"));
  }
  return path.join(base, "repo");
}

describe("the bench's questions", () => {
  it("come from eval/holdout.jsonl when nothing is beside the repository", () => {
    const set = benchQuestionSet(checkout(false), {});
    expect(set).toMatchObject({ name: "holdout", cases: [{ text: "holdout question" }] });
  });

  it("can be the repository's own eval/holdout.jsonl", () => {
    const own = benchQuestionSet(ROOT, { BENCH_DEV_SET: path.join(ROOT, "eval/holdout.jsonl") });
    expect(own.name).toBe("holdout");
    expect(own.cases.length).toBeGreaterThan(100);
  });

  it("never come from a question set beside the repository, even when it is there", () => {
    const set = benchQuestionSet(checkout(true), {});
    expect(set).toMatchObject({ name: "holdout", cases: [{ text: "holdout question" }] });
  });

  it("come from BENCH_DEV_SET when it is set, and a missing file is named", () => {
    const file = path.join(path.dirname(checkout(false)), "mine.jsonl");
    writeFileSync(file, line("my question"));
    expect(benchQuestionSet(checkout(true), { BENCH_DEV_SET: file })).toMatchObject({
      name: "mine",
      cases: [{ text: "my question" }],
    });
    expect(() => benchQuestionSet(ROOT, { BENCH_DEV_SET: "/nonexistent.jsonl" })).toThrow(
      /BENCH_DEV_SET: no question file at \/nonexistent\.jsonl/,
    );
  });
});
