import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("natural is imported by submodule only", () => {
  it("no source file names the package root", () => {
    const offenders = sourceFiles(path.join(ROOT, "src")).filter((file) =>
      /(from\s+|require\(\s*|import\(\s*)["']natural["']/.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("answering a question loads natural's submodules, never its index.js or dotenv", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--require",
        path.join(ROOT, "test/helpers/trace-require.cjs"),
        path.join(ROOT, "dist/cli/main.js"),
        "ask",
        "mobile app calling an API",
      ],
      // Outside the repo, so that no ./.env is read.
      { cwd: tmpdir(), encoding: "utf8" },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("mobile-api");
    const line = run.stderr.split("\n").find((l) => l.startsWith("LOADED "));
    const loaded: string[] = JSON.parse(line?.slice("LOADED ".length) ?? "[]");
    const natural = loaded.filter((file) => file.includes(`${path.sep}natural${path.sep}`));
    expect(natural.some((file) => file.endsWith("tfidf.js"))).toBe(true);
    expect(
      natural.filter((file) => file.endsWith(path.join("lib", "natural", "index.js"))),
    ).toEqual([]);
    expect(loaded.filter((file) => file.includes(`${path.sep}dotenv${path.sep}`))).toEqual([]);
  });
});
