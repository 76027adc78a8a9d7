/**
 * The three matchers compared on the same cards and questions, behind one interface: ours and
 * the two a user might pick instead. Peers get the same Slack normalisation, the same fields and
 * the same field weights as ours, and natural's English stopword list; they get no stemming,
 * phrases or spelling correction, since that is what using them off the shelf means.
 */
import MiniSearch from "minisearch";
import type { Catalog, Scenario } from "../src/catalog/types.js";
import { ENGLISH_STOPWORDS, TfIdf } from "../src/matching/natural.js";
import { DEFAULT_RECOMMENDER_OPTIONS, Recommender } from "../src/matching/recommender.js";
import type { FieldWeights } from "../src/matching/search-index.js";
import { decide } from "../src/policy/decide.js";
import { normalizeSlackText } from "../src/text/slack.js";

export interface Engine {
  name: string;
  /** Indexes a catalog; returns the per-question call that is timed. */
  build(catalog: Catalog): Matcher;
}

export interface Matcher {
  /** What a caller would do per question (for ours: the full recommend()). */
  answer(text: string): unknown;
  /** The best-scoring card's id with no confidence threshold, or null when nothing scores. */
  best(text: string): string | null;
}

/** The text fields (concepts are ours alone). */
type Field = Exclude<keyof FieldWeights, "concepts">;
const WEIGHTS = DEFAULT_RECOMMENDER_OPTIONS.fieldWeights;
const FIELDS = (Object.keys(WEIGHTS) as Array<keyof FieldWeights>).filter(
  (f): f is Field => f !== "concepts",
);
const STOPWORDS = new Set(ENGLISH_STOPWORDS);

function fieldText(s: Scenario, field: Field): string {
  const value = s[field];
  return Array.isArray(value) ? value.join("\n") : value;
}

/** natural's TfIdf used plainly: documents as text (its tokenizer and stopwords), tfidfs() to score. */
interface PlainTfIdf {
  addDocument(text: string): void;
  tfidfs(query: string): number[];
}
// The module src/matching/natural.ts loads by its own path (never the package root).
const PlainTfIdf = TfIdf as unknown as new () => PlainTfIdf;

/** Our recommender, and our Slack app in the HTTP tables. */
export const OURS = "scenario-advisor";

export const ours: Engine = {
  name: OURS,
  build(catalog) {
    const recommender = new Recommender(catalog);
    return {
      answer: (text) => decide(recommender.search(text), catalog),
      best: (text) => recommender.rank(text, 1)[0]?.scenario.id ?? null,
    };
  },
};

export const minisearch: Engine = {
  name: "MiniSearch (BM25)",
  build(catalog) {
    const index = new MiniSearch<Scenario>({
      fields: FIELDS,
      idField: "id",
      extractField: (s, field) => (field === "id" ? s.id : fieldText(s, field as Field)),
      // Default tokenizer; lowercase and drop the same English stopwords natural drops.
      processTerm: (term) => {
        const t = term.toLowerCase();
        return STOPWORDS.has(t) ? null : t;
      },
      searchOptions: { boost: { ...WEIGHTS } },
    });
    index.addAll(catalog.scenarios);
    const answer = (text: string) => index.search(normalizeSlackText(text));
    return { answer, best: (text) => (answer(text)[0]?.id as string | undefined) ?? null };
  },
};

export const naturalTfIdf: Engine = {
  name: "natural TfIdf",
  build(catalog) {
    const tfidf = new PlainTfIdf();
    // Field weights as repetition: a field of weight 3 counts three times, as in ours.
    for (const s of catalog.scenarios) {
      tfidf.addDocument(FIELDS.map((f) => `${fieldText(s, f)}\n`.repeat(WEIGHTS[f])).join("\n"));
    }
    const ids = catalog.scenarios.map((s) => s.id);
    const answer = (text: string) => tfidf.tfidfs(normalizeSlackText(text));
    const best = (text: string) => {
      const scores = answer(text);
      let top = -1;
      scores.forEach((score, i) => {
        if (score > 0 && (top < 0 || score > (scores[top] as number))) top = i;
      });
      return top < 0 ? null : (ids[top] as string);
    };
    return { answer, best };
  },
};

export const ENGINES: readonly Engine[] = [ours, minisearch, naturalTfIdf];
