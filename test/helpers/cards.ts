import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Front matter of a valid card; tests override fields to break it. */
export function cardFields(
  id: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    title: `Title of ${id}`,
    summary: `When ${id} applies.`,
    docs_path: `/get-started/${id}`,
    status: "published",
    protocols: ["OAuth 2.0"],
    flows: ["authorization-code"],
    keywords: [`${id} keyword`],
    examples: [`question about ${id}?`],
    related: [],
    ...overrides,
  };
}

/** Renders a card file: YAML front matter (JSON is valid YAML) and a body. */
export function cardText(fields: Record<string, unknown>, body = "Body text."): string {
  const yaml = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join("\n");
  return `---\n${yaml}\n---\n${body}\n`;
}

/** A temporary scenarios directory holding the given files (name → content). */
export function cardsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-cards-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}
