import { writeFileSync } from "node:fs";
import path from "node:path";
import { makeScenario } from "./scenarios.js";
import { tempDir } from "./tmp.js";

/** Front matter of a valid card (makeScenario's defaults); tests override fields to break it. */
export function cardFields(
  id: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const { title, summary, docsPath, status, protocols, flows, keywords, examples, related } =
    makeScenario(id);
  return {
    id,
    title,
    summary,
    docs_path: docsPath,
    status,
    protocols,
    flows,
    keywords,
    examples,
    related,
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
  const dir = tempDir("scenario-cards");
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}
