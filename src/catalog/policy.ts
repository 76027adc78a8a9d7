/**
 * The answer policy as data, beside the cards: `<scenarios dir>/policy.yml` (thresholds) and
 * `<scenarios dir>/decline/*.yml` (the gate's material: what the bot declines, by category).
 * Parsed as plain YAML and validated with zod; every problem names its file and field. A
 * directory without them uses the bundled ones, so a company's cards need not copy them.
 *
 * ```yaml
 * # decline/chatter.yml
 * chit-chat:
 *   about: Greetings, small talk and thanks.
 *   kind: chatter          # or task: an identity question that is not an architecture choice
 *   messages: ["morning all", "anyone up for lunch?"]
 * ```
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { z } from "zod";
import { listFiles, policyFiles, YAML_FILE } from "./files.js";
import { type CatalogProblem, schemaProblems } from "./problems.js";
import type { AnswerPolicy, DeclineCategory, OnTopicCategory } from "./types.js";

export const MAX_POLICY_FILE_BYTES = 512 * 1024;
export const MAX_DECLINE_MESSAGES = 5000;
export const MAX_DECLINE_MESSAGE_LENGTH = 2000;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const share = z.number().min(0).max(1);

const policySchema = z.strictObject({
  decline: z.strictObject({
    min_score: share,
    off_topic_slope: z.number().min(0).max(10),
    names_only_max_words: z.number().int().min(0).max(20),
    // Optional, so that a company's policy.yml from before it still loads: absent, 0.
    ask_weight: z.number().min(0).max(10).optional(),
  }),
  confidence: z.strictObject({
    high_score: share,
    min_evidence: z.number().int().min(0).max(20),
  }),
  ranking: z.strictObject({
    unnamed_compound_share: share,
    // Optional, so that a company's policy.yml from before it still loads: absent, parts keep all.
    named_compound_part_share: share.optional(),
  }),
  close_call: z.strictObject({ margin: share }),
  also_applies: z.strictObject({ min_share: share }),
  show: z.strictObject({ alternatives: z.number().int().min(0).max(8) }),
});

/** What every category of gate material holds: what it is about and its messages. */
const materialFields = {
  about: z.string().trim().min(1, "must not be empty").max(300, "at most 300 characters"),
  messages: z
    .array(
      z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(MAX_DECLINE_MESSAGE_LENGTH, `at most ${MAX_DECLINE_MESSAGE_LENGTH} characters`),
    )
    .min(1, "must list at least one message")
    .max(MAX_DECLINE_MESSAGES, `at most ${MAX_DECLINE_MESSAGES} messages`),
};

const declineSchema = z.record(
  z.string(),
  z.strictObject({ ...materialFields, kind: z.enum(["chatter", "task"]) }),
);

const onTopicSchema = z.record(z.string(), z.strictObject(materialFields));

/** A YAML file's data, or a problem naming the file. */
function readYaml(file: string, problems: CatalogProblem[]): unknown {
  try {
    if (statSync(file).size > MAX_POLICY_FILE_BYTES) {
      problems.push({ file, message: `is larger than ${MAX_POLICY_FILE_BYTES / 1024} KiB` });
      return undefined;
    }
    const text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file));
    // js-yaml's default schema has no tags that construct code or objects.
    return load(text, { filename: file }) ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    problems.push({ file, message: `cannot be read as UTF-8 YAML: ${reason}` });
    return undefined;
  }
}

/** The thresholds in `<dir>/policy.yml`; undefined (with problems) when it is broken. */
export function loadPolicyFile(file: string, problems: CatalogProblem[]): AnswerPolicy | undefined {
  const data = readYaml(file, problems);
  if (data === undefined) return undefined;
  const result = policySchema.safeParse(data);
  if (!result.success) {
    problems.push(...schemaProblems(file, result.error));
    return undefined;
  }
  const p = result.data;
  return {
    decline: {
      minScore: p.decline.min_score,
      offTopicSlope: p.decline.off_topic_slope,
      namesOnlyMaxWords: p.decline.names_only_max_words,
      askWeight: p.decline.ask_weight ?? 0,
    },
    confidence: { highScore: p.confidence.high_score, minEvidence: p.confidence.min_evidence },
    ranking: {
      unnamedCompoundShare: p.ranking.unnamed_compound_share,
      namedCompoundPartShare: p.ranking.named_compound_part_share ?? 1,
    },
    closeCall: { margin: p.close_call.margin },
    alsoApplies: { minShare: p.also_applies.min_share },
    show: { alternatives: p.show.alternatives },
    file,
  };
}

/**
 * Every category of gate material under `root` (decline/ or on-topic/), by id, each with its
 * file; ids are unique across files. Problems name the file and field.
 */
function loadCategories<T extends object>(
  root: string,
  problems: CatalogProblem[],
  schema: z.ZodType<Record<string, T>>,
): Array<T & { id: string; file: string }> {
  const categories: Array<T & { id: string; file: string }> = [];
  const firstFile = new Map<string, string>();
  for (const name of listFiles(root, YAML_FILE)) {
    const file = path.join(root, name);
    const data = readYaml(file, problems);
    if (data === undefined) continue;
    const badIds = Object.keys(data as object).filter((id) => !SLUG.test(id));
    for (const id of badIds)
      problems.push({ file, field: id, message: "category ids must be lowercase slugs" });
    if (badIds.length > 0) continue;
    const result = schema.safeParse(data);
    if (!result.success) {
      problems.push(...schemaProblems(file, result.error));
      continue;
    }
    for (const [id, c] of Object.entries(result.data)) {
      const seen = firstFile.get(id);
      if (seen) {
        problems.push({ file, field: id, message: `is also defined in ${seen}` });
        continue;
      }
      firstFile.set(id, file);
      categories.push({ ...c, id, file });
    }
  }
  return categories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Every category under `<dir>/decline/`: at least one is needed. */
export function loadDeclineDir(root: string, problems: CatalogProblem[]): DeclineCategory[] {
  const before = problems.length;
  const categories = loadCategories(root, problems, declineSchema).map(
    ({ id, about, kind, messages, file }) => ({ id, about, kind, messages, file }),
  );
  if (categories.length === 0 && problems.length === before)
    problems.push({ file: root, message: "has no decline categories (*.yml)" });
  return categories;
}

/** Every category under `<dir>/on-topic/`; the folder is optional (none: the cards alone). */
export function loadOnTopicDir(root: string, problems: CatalogProblem[]): OnTopicCategory[] {
  if (!existsSync(root)) return [];
  return loadCategories(root, problems, onTopicSchema).map(({ id, about, messages, file }) => ({
    id,
    about,
    messages,
    file,
  }));
}

/** The policy and gate material of `dir` (or the bundled ones), with every problem. */
export function loadPolicy(
  dir: string,
  fallback: string,
): {
  policy: AnswerPolicy | undefined;
  decline: DeclineCategory[];
  onTopic: OnTopicCategory[];
  problems: CatalogProblem[];
} {
  const problems: CatalogProblem[] = [];
  const files = policyFiles(dir, fallback);
  const policy = loadPolicyFile(files.policy, problems);
  const decline = loadDeclineDir(files.decline, problems);
  const onTopic = loadOnTopicDir(files.onTopic, problems);
  return { policy, decline, onTopic, problems };
}
