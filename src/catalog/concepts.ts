/**
 * Concept lexicons: `<scenarios dir>/concepts/*.yml`. Each file maps concept ids to what they
 * mean and the terms that name them:
 *
 * ```yaml
 * native-app:
 *   about: Installed mobile and desktop apps.
 *   terms: [iOS, Android, Flutter]
 *   ambiguous: [rn]        # also means something else: never decides an answer alone
 * both-audiences:
 *   about: Staff and business customers in one product.
 *   terms: [b2b and b2e]
 *   all_of: [employees, business-customers]   # named together, they name this concept too
 * ```
 *
 * Parsed as plain YAML (js-yaml's default schema: no tags that run code) and validated with zod; every problem names its file
 * and field. A directory without `concepts/` simply has no concepts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { z } from "zod";
import { CONCEPTS_DIR } from "./files.js";
import { type CatalogProblem, schemaProblems } from "./problems.js";
import type { Concept } from "./types.js";

export { CONCEPTS_DIR };
export const MAX_CONCEPT_FILE_BYTES = 256 * 1024;
export const MAX_TERMS_PER_CONCEPT = 1000;
export const MAX_TERM_LENGTH = 60;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const term = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_TERM_LENGTH, `must be at most ${MAX_TERM_LENGTH} characters`)
  .refine((t) => /[\p{L}\p{N}]/u.test(t), "must contain a letter or digit");
const terms = z.array(term).max(MAX_TERMS_PER_CONCEPT, `at most ${MAX_TERMS_PER_CONCEPT} terms`);

const conceptSchema = z
  .strictObject({
    about: z.string().trim().min(1, "must not be empty").max(300, "at most 300 characters"),
    terms: terms.default([]),
    ambiguous: terms.default([]),
    all_of: z.array(z.string().regex(SLUG, "must list concept ids")).default([]),
  })
  .refine((c) => c.terms.length > 0 || c.all_of.length > 1, {
    path: ["terms"],
    message: "must list at least one term (or all_of at least two concepts)",
  });

const fileSchema = z.record(z.string(), conceptSchema);

function parseFile(file: string, problems: CatalogProblem[]): Concept[] {
  let data: unknown;
  try {
    if (statSync(file).size > MAX_CONCEPT_FILE_BYTES) {
      problems.push({ file, message: `is larger than ${MAX_CONCEPT_FILE_BYTES} bytes` });
      return [];
    }
    const text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
    // js-yaml's default schema has no tags that construct code or objects.
    data = load(text, { filename: file });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    problems.push({ file, message: `cannot be read as UTF-8 YAML: ${reason}` });
    return [];
  }
  const badIds = Object.keys(data ?? {}).filter((id) => !SLUG.test(id));
  for (const id of badIds)
    problems.push({
      file,
      field: id,
      message: "concept ids must be lowercase slugs such as native-app",
    });
  if (badIds.length > 0) return [];
  const result = fileSchema.safeParse(data ?? {});
  if (!result.success) {
    problems.push(...schemaProblems(file, result.error));
    return [];
  }
  return Object.entries(result.data).map(([id, c]) => ({
    id,
    about: c.about,
    terms: c.terms,
    ambiguous: c.ambiguous,
    allOf: c.all_of,
    file,
  }));
}

/** Every concept under `<dir>/concepts/`, and the problems found; ids are unique. */
export function loadConcepts(dir: string): { concepts: Concept[]; problems: CatalogProblem[] } {
  const root = path.join(dir, CONCEPTS_DIR);
  const problems: CatalogProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(root).filter((name) => /\.ya?ml$/.test(name));
  } catch {
    return { concepts: [], problems };
  }
  const concepts: Concept[] = [];
  const firstFile = new Map<string, string>();
  for (const name of names.sort()) {
    const file = path.join(root, name);
    for (const concept of parseFile(file, problems)) {
      const seen = firstFile.get(concept.id);
      if (seen) {
        problems.push({ file, field: concept.id, message: `is also defined in ${seen}` });
        continue;
      }
      firstFile.set(concept.id, file);
      concepts.push(concept);
    }
  }
  const ids = new Set(concepts.map((c) => c.id));
  for (const concept of concepts) {
    for (const id of concept.allOf) {
      if (!ids.has(id) || id === concept.id)
        problems.push({
          file: concept.file,
          field: `${concept.id}.all_of`,
          message: `"${id}" is not another concept`,
        });
    }
  }
  concepts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { concepts, problems };
}
