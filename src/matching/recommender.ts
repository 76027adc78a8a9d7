import type { Catalog, Scenario } from "../catalog/types.js";
import { normalizeSlackText } from "../text/slack.js";
import { contentWords, PhraseSet, stem } from "./analyzer.js";
import { TfIdf } from "./natural.js";
import { OFF_TOPIC_PHRASES } from "./off-topic.js";
import { SpellingCorrector } from "./spelling.js";
import type { Recommendation, ScoredScenario } from "./types.js";

export interface FieldWeights {
  title: number;
  summary: number;
  keywords: number;
  examples: number;
  body: number;
}

export interface RecommenderOptions {
  /** How much one occurrence of a term in each card field counts. */
  fieldWeights: FieldWeights;
  /** Below this confidence the answer is "no match". */
  minConfidence: number;
  /** The top two are "ambiguous" when the second scores at least (1 - margin) × the first. */
  ambiguityMargin: number;
  /** A query word that was corrected toward the vocabulary counts this much. */
  correctedWeight: number;
  /**
   * A word inside a matched phrase counts this much on its own ("asp", "net" and "core" in
   * "asp.net core"), so that a many-word name does not count three or four times over.
   */
  phraseWordWeight: number;
  /** Runners-up offered beside the answer. */
  maxAlternatives: number;
  /** Only this many content words of a question are read; the rest is usually pasted logs. */
  maxQueryWords: number;
  /** At most this many matched terms explain an answer. */
  maxMatchedTerms: number;
  /**
   * Index OFF_TOPIC_PHRASES as a hidden "none of the cards" document: a question closer to it
   * than to every card gets no match.
   */
  offTopicGuard: boolean;
}

export const DEFAULT_RECOMMENDER_OPTIONS: RecommenderOptions = {
  fieldWeights: { title: 3, summary: 2, keywords: 3, examples: 2, body: 1 },
  minConfidence: 0.1,
  ambiguityMargin: 0.1,
  correctedWeight: 0.7,
  phraseWordWeight: 0.5,
  maxAlternatives: 2,
  maxQueryWords: 500,
  maxMatchedTerms: 5,
  offTopicGuard: true,
};

/**
 * A term's postings in card order, as parallel typed arrays: compact, and a question walks them
 * without chasing a pointer per posting (with 10,000 cards it walks tens of thousands).
 */
interface IndexedTerm {
  idf: number;
  /** Indexes into the catalog's scenarios, ascending. */
  docs: Int32Array;
  /** The term's TF-IDF weight in each of those cards' unit-length vectors. */
  weights: Float64Array;
  /** How the term reads in a "why" line: a word as written in the cards, or a phrase. */
  label: string;
}

interface QueryTerm {
  term: string;
  weight: number;
}

const FIELDS = ["title", "summary", "keywords", "examples", "body"] as const;

type FieldTexts = Record<(typeof FIELDS)[number], string[]>;
const NO_TEXT: FieldTexts = { title: [], summary: [], keywords: [], examples: [], body: [] };

function fieldTexts(s: Scenario): FieldTexts {
  return {
    title: [s.title],
    summary: [s.summary],
    keywords: s.keywords,
    examples: s.examples,
    body: [s.body],
  };
}

/**
 * Recommends the scenario whose card is closest to a question: cosine similarity of TF-IDF
 * vectors (natural's TfIdf supplies the IDF), scored through an inverted index so that a
 * question costs time in proportion to its terms' postings, not to the size of the catalog.
 */
export class Recommender {
  readonly options: RecommenderOptions;
  readonly #scenarios: readonly Scenario[];
  readonly #terms = new Map<string, IndexedTerm>();
  readonly #phrases = new PhraseSet();
  readonly #speller: SpellingCorrector;
  readonly #docOf: Map<Scenario, number>;
  // Scratch for #rank, reused by every question: a score per card, and which cards have one.
  readonly #scores: Float64Array;
  readonly #scored: Uint8Array;
  readonly #touched: Int32Array;

  constructor(catalog: Catalog, options: Partial<RecommenderOptions> = {}) {
    this.options = { ...DEFAULT_RECOMMENDER_OPTIONS, ...options };
    this.#scenarios = catalog.scenarios;
    this.#docOf = new Map(this.#scenarios.map((s, doc) => [s, doc]));
    // The cards, then (with the guard) the hidden off-topic document at index scenarios.length.
    const documents = this.#scenarios.map(fieldTexts);
    if (this.options.offTopicGuard)
      documents.push({ ...NO_TEXT, examples: [...OFF_TOPIC_PHRASES] });
    this.#scores = new Float64Array(documents.length);
    this.#scored = new Uint8Array(documents.length);
    this.#touched = new Int32Array(documents.length);
    const labels = new Labels();
    const wordCounts = new Map<string, number>();

    // Phrases come from the keywords of every card, so a phrase is one term in all of them.
    for (const s of this.#scenarios) {
      for (const keyword of s.keywords) {
        const text = normalizeSlackText(keyword);
        const stems = contentWords(text).map(stem);
        this.#phrases.add(stems);
        // A phrase reads best as a keyword wrote it, stopwords included ("machine to machine").
        if (stems.length > 1) labels.saw(stems.join(" "), text.replace(/-/g, " "));
      }
    }

    const weightedCounts = documents.map((texts) => {
      const counts = new Map<string, number>();
      for (const field of FIELDS) {
        const fieldWeight = this.options.fieldWeights[field];
        for (const text of texts[field]) {
          const words = contentWords(normalizeSlackText(text));
          for (const word of words) wordCounts.set(word, (wordCounts.get(word) ?? 0) + 1);
          for (const [term, count] of this.#termsOf(words, labels)) {
            counts.set(term, (counts.get(term) ?? 0) + count * fieldWeight);
          }
        }
      }
      return counts;
    });

    const tfidf = new TfIdf();
    for (const counts of weightedCounts) tfidf.addDocument([...counts.keys()]);

    const postings = new Map<string, { docs: number[]; weights: number[] }>();
    const vectors = weightedCounts.map((counts) =>
      [...counts].map(([term, tf]) => [term, sublinear(tf) * tfidf.idf(term)] as const),
    );
    const norms = vectors.map((weights) => Math.hypot(...weights.map(([, w]) => w)) || 1);
    vectors.forEach((weights, doc) => {
      const norm = norms[doc] as number;
      for (const [term, weight] of weights) {
        let list = postings.get(term);
        if (!list) {
          list = { docs: [], weights: [] };
          postings.set(term, list);
        }
        list.docs.push(doc);
        list.weights.push(weight / norm);
      }
    });
    for (const [term, list] of postings) {
      this.#terms.set(term, {
        idf: tfidf.idf(term),
        docs: Int32Array.from(list.docs),
        weights: Float64Array.from(list.weights),
        label: labels.best(term),
      });
    }

    this.#speller = new SpellingCorrector(wordCounts);
  }

  /**
   * Terms of a run of content words, each with how much it counts: the stems (less where they
   * are part of a matched phrase), then the phrases.
   */
  #termsOf(words: readonly string[], labels?: Labels): Array<[term: string, count: number]> {
    const stems = words.map(stem);
    const phrases = this.#phrases.find(stems);
    if (labels) {
      stems.forEach((term, i) => {
        labels.saw(term, words[i] as string);
      });
    }
    const inPhrase = new Uint8Array(stems.length);
    for (const { start, end } of phrases) inPhrase.fill(1, start, end);
    const { phraseWordWeight } = this.options;
    return [
      ...stems.map((term, i): [string, number] => [term, inPhrase[i] ? phraseWordWeight : 1]),
      ...phrases.map((p): [string, number] => [p.key, 1]),
    ];
  }

  /** The query's terms with their weights; unknown words are corrected or dropped. */
  #queryTerms(normalized: string): QueryTerm[] {
    const words = contentWords(normalized).slice(0, this.options.maxQueryWords);
    const corrected = new Set<string>();
    const known = words.map((word) => {
      if (this.#terms.has(stem(word))) return word;
      // Unknown: probably a typo of a card word, or a word the cards never use.
      const fix = this.#speller.correct(word);
      if (fix === undefined) return word;
      corrected.add(stem(fix));
      return fix;
    });
    const counts = new Map<string, number>();
    for (const [term, count] of this.#termsOf(known)) {
      if (this.#terms.has(term)) counts.set(term, (counts.get(term) ?? 0) + count);
    }
    return [...counts].map(([term, count]) => ({
      term,
      weight:
        sublinear(count) *
        (this.#terms.get(term) as IndexedTerm).idf *
        (corrected.has(term) ? this.options.correctedWeight : 1),
    }));
  }

  /** The best `k` candidates for a question, best first, whatever their confidence. */
  rank(text: string, k = this.options.maxAlternatives + 1): ScoredScenario[] {
    return this.#rank(this.#queryTerms(normalizeSlackText(text)), k).ranked;
  }

  recommend(text: string): Recommendation {
    const query = normalizeSlackText(text);
    const terms = this.#queryTerms(query);
    const { ranked, offTopic } = this.#rank(terms, this.options.maxAlternatives + 1);
    const [best, second] = ranked;
    if (!best)
      return { query, match: null, alternatives: [], why: [], confidence: null, ambiguous: false };

    const ambiguous =
      second !== undefined && second.score >= best.score * (1 - this.options.ambiguityMargin);
    const fits = best.score >= this.options.minConfidence && best.score > offTopic;
    const match = fits ? best : null;
    return {
      query,
      match,
      // Without a match, the best candidates become the suggestions.
      alternatives: match ? ranked.slice(1) : ranked.slice(0, this.options.maxAlternatives),
      why: this.#explain(terms, best.scenario),
      confidence: match === null ? null : ambiguous ? "low" : "high",
      ambiguous,
    };
  }

  /**
   * Cosine similarity of the question with every card that shares a term, via the postings;
   * also the similarity with the off-topic document (0 without the guard).
   * Scores add up in typed arrays, not a Map: with 10,000 cards, Map reads and writes were most
   * of a question's time.
   */
  #rank(terms: QueryTerm[], k: number): { ranked: ScoredScenario[]; offTopic: number } {
    const norm = Math.hypot(...terms.map((t) => t.weight));
    const scores = this.#scores;
    const scored = this.#scored;
    const touched = this.#touched;
    let count = 0;
    for (const { term, weight } of terms) {
      const { docs, weights } = this.#terms.get(term) as IndexedTerm;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        if (scored[doc] === 0) {
          scored[doc] = 1;
          touched[count++] = doc;
        }
        scores[doc] = (scores[doc] as number) + (weight * (weights[i] as number)) / norm;
      }
    }
    const ranked = this.#top(touched.subarray(0, count), k);
    const offTopic = scores[this.#scenarios.length] ?? 0;
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      scores[doc] = 0;
      scored[doc] = 0;
    }
    return { ranked, offTopic };
  }

  /** The k best-scoring scenarios, best first; equal scores go to the smaller id, never to file order. */
  #top(docs: Int32Array, k: number): ScoredScenario[] {
    const top: ScoredScenario[] = [];
    for (const doc of docs) {
      const scenario = this.#scenarios[doc];
      if (scenario === undefined) continue; // the off-topic document
      const score = Math.min(1, this.#scores[doc] as number);
      // Most cards cannot make the top k: compare before allocating a candidate.
      const last = top[k - 1];
      if (last && !ranksBefore(score, scenario, last)) continue;
      let i = top.length;
      while (i > 0 && ranksBefore(score, scenario, top[i - 1] as ScoredScenario)) i--;
      top.splice(i, 0, { scenario, score });
      if (top.length > k) top.pop();
    }
    return top;
  }

  /** Labels of the query terms found in a card, the strongest first. */
  #explain(terms: QueryTerm[], scenario: Scenario): string[] {
    const doc = this.#docOf.get(scenario) as number;
    const contributions: [string, number][] = [];
    for (const { term, weight } of terms) {
      const entry = this.#terms.get(term) as IndexedTerm;
      const docWeight = postingWeight(entry, doc);
      if (docWeight > 0) contributions.push([entry.label, weight * docWeight]);
    }
    contributions.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return [...new Set(contributions.map(([label]) => label))].slice(
      0,
      this.options.maxMatchedTerms,
    );
  }
}

/** The most common way the cards write each term, for "why" lines ("machines" → "machine"). */
class Labels {
  readonly #counts = new Map<string, Map<string, number>>();

  saw(term: string, surface: string): void {
    let forms = this.#counts.get(term);
    if (!forms) {
      forms = new Map();
      this.#counts.set(term, forms);
    }
    forms.set(surface, (forms.get(surface) ?? 0) + 1);
  }

  /** Most frequent form; ties go to the shorter, then the alphabetically first. */
  best(term: string): string {
    let best = term;
    let bestCount = 0;
    for (const [form, count] of this.#counts.get(term) ?? []) {
      if (
        count > bestCount ||
        (count === bestCount &&
          (form.length < best.length || (form.length === best.length && form < best)))
      ) {
        best = form;
        bestCount = count;
      }
    }
    return best;
  }
}

/** Sublinear term frequency: 1 + ln(tf) from one occurrence up; below one, as it is. */
function sublinear(tf: number): number {
  return tf >= 1 ? 1 + Math.log(tf) : tf;
}

function ranksBefore(score: number, scenario: Scenario, b: ScoredScenario): boolean {
  return score > b.score || (score === b.score && scenario.id < b.scenario.id);
}

/** Binary search: postings are stored in card order. */
function postingWeight({ docs, weights }: IndexedTerm, doc: number): number {
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const found = docs[mid] as number;
    if (found === doc) return weights[mid] as number;
    if (found < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
