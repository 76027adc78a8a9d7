/**
 * A snapshot of the bundled catalog and its index, written by `npm run build` to
 * `dist/snapshot.json`, so that a cold `scenario-bot ask` does not read, validate and analyse
 * every card before answering (a few hundred milliseconds). It is only a cache: it is used when
 * the scenarios directory holds exactly the files it was made from (a SHA-256 over their names
 * and bytes) and the recommender has its default options; otherwise everything is built anew.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createCatalog } from "../catalog/catalog.js";
import { DEFAULT_SCENARIOS_DIR } from "../catalog/catalog-settings.js";
import { catalogFiles } from "../catalog/files.js";
import type {
  AnswerPolicy,
  Catalog,
  Concept,
  DeclineCategory,
  OnTopicCategory,
  Scenario,
} from "../catalog/types.js";
import { PhraseSet } from "./analyzer.js";
import { Gate, type GateData } from "./gate.js";
import { DEFAULT_RECOMMENDER_OPTIONS, Recommender } from "./recommender.js";
import type { ConceptMatch, IndexedTerm, SearchIndex } from "./search-index.js";
import { SpellingCorrector } from "./spelling.js";

/** Bump when the snapshot's shape or the index's meaning changes. */
const FORMAT = 4;

export const SNAPSHOT_FILE = fileURLToPath(new URL("../snapshot.json", import.meta.url));

interface SnapshotData {
  format: number;
  key: string;
  /** Cards and concepts, with `file` relative to the scenarios directory. */
  scenarios: Scenario[];
  concepts: Concept[];
  policy: AnswerPolicy;
  decline: DeclineCategory[];
  onTopic: OnTopicCategory[];
  index: {
    terms: Array<[term: string, idf: number, docs: number[], weights: number[]]>;
    phrases: Array<[string, string[]]>;
    conceptPhrases: Array<[string, ConceptMatch[]]>;
    conceptWords: Array<[string, ConceptMatch[]]>;
    compounds: Array<{ concept: string; allOf: string[] }>;
    gate: GateData;
    vocabulary: Array<[string, number]>;
  };
}

/** What a snapshot must match: the catalog's files, the default options, the format. */
function snapshotKey(dir: string): string {
  const hash = createHash("sha256");
  hash.update(`${FORMAT}\n${JSON.stringify(DEFAULT_RECOMMENDER_OPTIONS)}\n`);
  for (const file of catalogFiles(dir, DEFAULT_SCENARIOS_DIR)) {
    hash.update(`${path.relative(dir, file)}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

const relative = <T extends { file: string }>(dir: string, item: T): T => ({
  ...item,
  file: path.relative(dir, item.file),
});
const absolute = <T extends { file: string }>(dir: string, item: T): T => ({
  ...item,
  file: path.join(dir, item.file),
});

function toData(dir: string, catalog: Catalog, index: SearchIndex): SnapshotData {
  return {
    format: FORMAT,
    key: snapshotKey(dir),
    scenarios: catalog.scenarios.map((s) => relative(dir, s)),
    concepts: catalog.concepts.map((c) => relative(dir, c)),
    policy: relative(dir, catalog.policy),
    decline: catalog.decline.map((c) => relative(dir, c)),
    onTopic: catalog.onTopic.map((c) => relative(dir, c)),
    index: {
      terms: [...index.terms].map(([term, t]) => [term, t.idf, [...t.docs], [...t.weights]]),
      phrases: index.phrases.toJSON(),
      conceptPhrases: [...index.conceptPhrases].map(([k, v]) => [k, [...v]]),
      conceptWords: [...index.conceptWords].map(([k, v]) => [k, [...v]]),
      compounds: index.compounds.map((c) => ({ concept: c.concept, allOf: [...c.allOf] })),
      gate: index.gate.toJSON(),
      vocabulary: [...index.speller.words],
    },
  };
}

function fromData(dir: string, data: SnapshotData): { catalog: Catalog; recommender: Recommender } {
  const catalog = createCatalog(
    data.scenarios.map((s) => absolute(dir, s)),
    data.concepts.map((c) => absolute(dir, c)),
    {
      policy: absolute(dir, data.policy),
      decline: data.decline.map((c) => absolute(dir, c)),
      onTopic: data.onTopic.map((c) => absolute(dir, c)),
    },
  );
  const { index } = data;
  const terms = new Map<string, IndexedTerm>(
    index.terms.map(([term, idf, docs, weights]) => [
      term,
      { idf, docs: Int32Array.from(docs), weights: Float64Array.from(weights) },
    ]),
  );
  const searchIndex: SearchIndex = {
    scenarios: catalog.scenarios,
    terms,
    phrases: PhraseSet.fromJSON(index.phrases),
    conceptPhrases: new Map(index.conceptPhrases),
    conceptWords: new Map(index.conceptWords),
    compounds: index.compounds,
    gate: Gate.fromJSON(index.gate),
    speller: new SpellingCorrector(new Map(index.vocabulary)),
  };
  return { catalog, recommender: new Recommender(catalog, {}, searchIndex) };
}

/** Writes the snapshot of the cards in `dir` to `file`. */
export async function writeSnapshot(dir: string, file = SNAPSHOT_FILE): Promise<void> {
  const { loadCatalog } = await import("../catalog/load.js");
  const catalog = loadCatalog(dir);
  const recommender = new Recommender(catalog);
  writeFileSync(file, JSON.stringify(toData(path.resolve(dir), catalog, recommender.index)));
}

/**
 * The last catalog opened in this process, by its folder and files' key: a process that opens
 * the same cards again (the CLI run in process, as its tests do) neither parses the snapshot nor
 * builds them twice. One entry, so bounded.
 */
let lastOpened:
  | { key: string; file: string; opened: { catalog: Catalog; recommender: Recommender } }
  | undefined;

/**
 * The catalog in `dir` and a recommender with default options over it: from the snapshot when
 * it was made from these very files, else loaded and built (throws CatalogError as loadCatalog).
 */
export async function openCatalog(
  dir: string,
  file = SNAPSHOT_FILE,
): Promise<{ catalog: Catalog; recommender: Recommender }> {
  const root = path.resolve(dir);
  const key = snapshotKey(root);
  const openedKey = `${root}\n${key}`;
  if (lastOpened?.key === openedKey && lastOpened.file === file) return lastOpened.opened;
  let data: SnapshotData | undefined;
  try {
    data = JSON.parse(readFileSync(file, "utf8")) as SnapshotData;
  } catch {
    // No snapshot, or an unreadable one: build.
  }
  let opened: { catalog: Catalog; recommender: Recommender };
  if (data?.format === FORMAT && data.key === key) opened = fromData(root, data);
  else {
    // The catalog loader (YAML, schema validation) is imported only when it is needed.
    const { loadCatalog } = await import("../catalog/load.js");
    const catalog = loadCatalog(root);
    opened = { catalog, recommender: new Recommender(catalog) };
  }
  lastOpened = { key: openedKey, file, opened };
  return opened;
}
