/**
 * The docs a newcomer moves through: every relative link leads to a file of the repository, and
 * every `#anchor` to a heading of the page it names (GitHub's heading ids); no doc needs a file
 * outside the repository (a user's clone has nothing beside it); each topic page opens with a
 * table of contents.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DOCS = [
  "README.md",
  "eval/README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Markdown without its fenced code blocks, where `#` starts no heading and `](` no link. */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens. */
function headingId(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(file: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading] of prose(read(file)).matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const id = headingId(heading ?? "");
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    ids.add(n === 0 ? id : `${id}-${n}`);
  }
  return ids;
}

function linksOf(file: string): string[] {
  const text = prose(read(file)).replace(/`[^`\n]*`/g, "");
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? "");
}

describe("the docs", () => {
  it("says what GitHub's heading ids are", () => {
    expect(headingId("The playground: `scenario-bot playground`")).toBe(
      "the-playground-scenario-bot-playground",
    );
    expect(headingId("6. Keep `data/` across restarts, and back it up")).toBe(
      "6-keep-data-across-restarts-and-back-it-up",
    );
  });

  it.each(DOCS)("%s: every relative link and anchor resolves", (file) => {
    const broken: string[] = [];
    for (const link of linksOf(file)) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto:
      const [target = "", anchor] = link.split("#");
      const resolved = target === "" ? file : path.join(path.dirname(file), target);
      if (!existsSync(path.join(ROOT, resolved))) {
        broken.push(`${link}: no file ${resolved}`);
      } else if (anchor !== undefined && resolved.endsWith(".md")) {
        if (!anchorsOf(resolved).has(anchor)) broken.push(`${link}: no heading #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(DOCS)("%s needs nothing outside the repository", (file) => {
    expect(read(file)).not.toMatch(/\.\.\/shared\b/);
  });

  it.each([
    "README.md",
    "docs/architecture.md",
    "docs/cards-and-matching.md",
    "docs/cli.md",
    "docs/deployment.md",
    "docs/performance.md",
    "docs/reliability.md",
    "docs/slack-setup.md",
  ])("%s opens with a table of contents naming its sections", (file) => {
    const text = prose(read(file));
    const firstSection = text.search(/^## /m);
    const contents = new Set(
      [...text.slice(0, firstSection).matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]),
    );
    const sections = [...text.matchAll(/^## +(.+)$/gm)].map((m) => headingId(m[1] ?? ""));
    expect(sections.filter((id) => !contents.has(id))).toEqual([]);
  });

  it("README.md fits on a few screens", () => {
    expect(read("README.md").split("\n").length).toBeLessThanOrEqual(150);
  });
});
