import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * The packages a module loads when it is imported, following its static value imports through
 * src/ (`import type` and `await import(...)` load nothing at start).
 */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    const statics = source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)";/gms);
    for (const [, specifier] of statics) {
      if (specifier === undefined || specifier.startsWith("node:")) continue;
      if (specifier.startsWith(".")) {
        visit(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
      } else {
        const parts = specifier.split("/");
        packages.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? ""));
      }
    }
  };
  visit(path.join(ROOT, entry));
  return packages;
}

describe("what the Slack app loads at start", () => {
  const loaded = packagesLoadedBy("src/slack/main.ts");

  it("follows the app's own imports (the walk finds what it must)", () => {
    expect(loaded).toContain("@slack/bolt");
    expect(loaded).toContain("better-sqlite3");
    expect(loaded).toContain("zod");
  });

  it("loads neither pg (only with DATABASE_URL) nor gray-matter (only when the snapshot is stale)", () => {
    // Each costs resident memory at start (pg some 5 MB, gray-matter some 2 MB, in bench runs).
    expect(loaded).not.toContain("pg");
    expect(loaded).not.toContain("gray-matter");
  });
});
