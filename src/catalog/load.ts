import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { axesKey } from "./axes.js";
import { createCatalog } from "./catalog.js";
import { CatalogError } from "./catalog-error.js";
import { DEFAULT_SCENARIOS_DIR } from "./catalog-settings.js";
import { loadConcepts } from "./concepts.js";
import { parseFrontMatter } from "./front-matter.js";
import { loadPolicy } from "./policy.js";
import { type CatalogProblem, schemaProblems } from "./problems.js";
import { frontMatterSchema } from "./schema.js";
import type {
  AnswerPolicy,
  Catalog,
  Concept,
  DeclineCategory,
  OnTopicCategory,
  Scenario,
} from "./types.js";

export { createCatalog } from "./catalog.js";

export { CatalogError } from "./catalog-error.js";
export { type CatalogProblem, formatProblem } from "./problems.js";

/** The largest card file read; a card is a page of text. */
export const MAX_CARD_BYTES = 256 * 1024;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A card file's text: a regular file, at most MAX_CARD_BYTES, valid UTF-8 (a BOM is dropped). */
function readCard(file: string, problems: CatalogProblem[]): string | undefined {
  let bytes: Buffer;
  try {
    // Checked before reading, so that a huge file or a FIFO is never read (or waited on).
    const stats = statSync(file);
    if (!stats.isFile()) {
      problems.push({ file, message: "is not a file" });
      return undefined;
    }
    if (stats.size > MAX_CARD_BYTES) {
      problems.push({ file, message: `is larger than ${MAX_CARD_BYTES / 1024} KiB` });
      return undefined;
    }
    bytes = readFileSync(file);
  } catch (error) {
    problems.push({ file, message: `cannot be read (${(error as NodeJS.ErrnoException).code})` });
    return undefined;
  }
  try {
    return UTF8.decode(bytes);
  } catch {
    problems.push({ file, message: "is not valid UTF-8 text" });
    return undefined;
  }
}

/**
 * The id a card that did not load still claims: its `id` field when that is a valid slug, else
 * its file name. Other cards may name it in `related` without a second problem: the broken card
 * is already reported, once, at its own file and field.
 */
function claimedIds(file: string, data: unknown): string[] {
  const ids = [path.basename(file, ".md")];
  if (typeof data === "object" && data !== null && "id" in data) {
    const id = frontMatterSchema.shape.id.safeParse((data as { id: unknown }).id);
    if (id.success) ids.push(id.data);
  }
  return ids;
}

function parseCard(
  file: string,
  problems: CatalogProblem[],
  broken: Set<string>,
): Scenario | undefined {
  const claim = (data?: unknown) => {
    for (const id of claimedIds(file, data)) broken.add(id);
    return undefined;
  };
  const text = readCard(file, problems);
  if (text === undefined) return claim();
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) {
    problems.push({ file, message: parsed.message });
    return claim();
  }
  if (parsed.data === null || parsed.data === undefined) {
    problems.push({ file, message: "has no YAML front matter (--- … --- at the top)" });
    return claim();
  }
  const result = frontMatterSchema.safeParse(parsed.data);
  if (!result.success) {
    problems.push(...schemaProblems(file, result.error));
    return claim(parsed.data);
  }
  const card = result.data;
  return {
    id: card.id,
    title: card.title,
    summary: card.summary,
    docsPath: card.docs_path,
    status: card.status,
    protocols: card.protocols,
    flows: card.flows,
    flowNote: card.flow_note,
    pickOver: card.pick_over,
    keywords: card.keywords,
    examples: card.examples,
    related: card.related,
    concepts: card.concepts,
    axes: card.axes,
    ...splitSources(parsed.body),
    file,
  };
}

function listCards(dir: string, problems: CatalogProblem[]): string[] {
  try {
    if (!statSync(dir).isDirectory()) {
      problems.push({ file: dir, message: "is not a directory" });
      return [];
    }
    const files = readdirSync(dir)
      .filter((name) => name.endsWith(".md"))
      .sort()
      .map((name) => path.join(dir, name));
    if (files.length === 0) problems.push({ file: dir, message: "has no scenario cards (*.md)" });
    return files;
  } catch {
    problems.push({ file: dir, message: "does not exist or cannot be read" });
    return [];
  }
}

/** Every problem in a scenarios directory (empty when it is valid), plus what did parse. */
export function checkCatalog(dir: string): {
  scenarios: Scenario[];
  concepts: Concept[];
  policy: AnswerPolicy | undefined;
  decline: DeclineCategory[];
  onTopic: OnTopicCategory[];
  problems: CatalogProblem[];
} {
  const root = path.resolve(dir);
  const problems: CatalogProblem[] = [];
  const scenarios: Scenario[] = [];
  // Ids of cards that exist but did not load (already reported at their own file).
  const broken = new Set<string>();
  for (const file of listCards(root, problems)) {
    const scenario = parseCard(file, problems, broken);
    if (scenario) scenarios.push(scenario);
  }
  const firstFile = new Map<string, string>();
  for (const s of scenarios) {
    const seen = firstFile.get(s.id);
    if (seen)
      problems.push({ file: s.file, field: "id", message: `"${s.id}" is also used by ${seen}` });
    else firstFile.set(s.id, s.file);
  }
  for (const s of scenarios) {
    for (const id of s.related) {
      if (id === s.id)
        problems.push({ file: s.file, field: "related", message: "lists the card itself" });
      else if (!firstFile.has(id) && !broken.has(id))
        problems.push({ file: s.file, field: "related", message: `unknown scenario id "${id}"` });
    }
  }
  problems.push(...axesProblems(scenarios));
  const { concepts, problems: conceptProblems } = loadConcepts(root);
  problems.push(...conceptProblems);
  const conceptIds = new Set(concepts.map((c) => c.id));
  for (const s of scenarios) {
    for (const id of s.concepts) {
      if (!conceptIds.has(id))
        problems.push({ file: s.file, field: "concepts", message: `unknown concept id "${id}"` });
    }
  }
  const {
    policy,
    decline,
    onTopic,
    problems: policyProblems,
  } = loadPolicy(root, DEFAULT_SCENARIOS_DIR);
  problems.push(...policyProblems);
  return { scenarios, concepts, policy, decline, onTopic, problems };
}

/**
 * Two cards on exactly the same axes would make the guided chooser and the clarifying question
 * pick between them by file order: each placement belongs to one card.
 */
function axesProblems(scenarios: readonly Scenario[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const firstAt = new Map<string, Scenario>();
  for (const s of scenarios) {
    const key = axesKey(s.axes);
    if (key === "") continue;
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, s);
    else
      problems.push({
        file: s.file,
        field: "axes",
        message: `{ ${key} } is also claimed by ${first.file} (${first.id})`,
      });
  }
  return problems;
}

/** Loads and validates a scenarios directory; throws CatalogError listing every problem. */
export function loadCatalog(dir: string): Catalog {
  const { scenarios, concepts, policy, decline, onTopic, problems } = checkCatalog(dir);
  if (problems.length > 0 || policy === undefined) throw new CatalogError(problems);
  return createCatalog(scenarios, concepts, { policy, decline, onTopic });
}

/** The heading that starts a card's Sources list; everything from it to the next `## ` heading is set apart. */
const SOURCES_HEADING = /^## Sources[ \t]*$/m;

/** Splits a card's body into the indexed and shown text and its Sources list (kept out of both). */
export function splitSources(markdown: string): { body: string; sources: string[] } {
  const match = SOURCES_HEADING.exec(markdown);
  if (!match) return { body: markdown.trim(), sources: [] };
  const before = markdown.slice(0, match.index);
  const rest = markdown.slice(match.index + match[0].length);
  const next = /^## /m.exec(rest);
  const list = next ? rest.slice(0, next.index) : rest;
  const after = next ? rest.slice(next.index) : "";
  const sources = list
    .split("\n")
    .map((line) => line.replace(/^\s*[-*]\s+/, "").trim())
    .filter((line) => line !== "");
  return { body: `${before.trimEnd()}\n\n${after}`.trim(), sources };
}
