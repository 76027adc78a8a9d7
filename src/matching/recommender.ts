import { complementary } from "../catalog/axes.js";
import type { Catalog, Scenario } from "../catalog/types.js";
import { analyze, type Token } from "./analyzer.js";
import {
  buildIndex,
  conceptTerm,
  DEFAULT_FIELD_WEIGHTS,
  type FieldWeights,
  type IndexedTerm,
  readTerms,
  type SearchIndex,
  sublinear,
} from "./search-index.js";
import type { ScoredScenario, Search } from "./types.js";

export interface RecommenderOptions {
  /** How much one occurrence of a term in each card field counts (and a card's concepts). */
  fieldWeights: FieldWeights;
  /** A question word that was corrected toward the vocabulary counts this much. */
  correctedWeight: number;
  /**
   * A word inside a matched phrase counts this much on its own ("asp", "net" and "core" in
   * "asp.net core"), so that a many-word name does not count three or four times over.
   */
  phraseWordWeight: number;
  /** How much one mention of a concept's term counts in a question. */
  conceptWeight: number;
  /** Pivoted length normalisation of the cards' vectors (index.ts); 1 is plain cosine. */
  lengthSlope: number;
  /** How much the on-topic gate material counts in the gate (search-index.ts). */
  onTopicMaterialWeight: number;
  /** Only this many words of a question are read. */
  maxQueryWords: number;
  /** At most this many words or phrases explain an answer. */
  maxWhy: number;
}

export const DEFAULT_RECOMMENDER_OPTIONS: RecommenderOptions = {
  fieldWeights: DEFAULT_FIELD_WEIGHTS,
  correctedWeight: 0.7,
  phraseWordWeight: 0.5,
  conceptWeight: 1,
  lengthSlope: 0.7,
  onTopicMaterialWeight: 0.5,
  maxQueryWords: 600,
  maxWhy: 5,
};

/** One term of a question: its weight, and where the user wrote it (for the "why" line). */
interface QueryTerm {
  term: string;
  weight: number;
  surfaces: string[];
}

/** What a question says: its terms the cards know, and every term, for the gate. */
interface ReadQuestion {
  terms: QueryTerm[];
  /** The question's words that are not stopwords. */
  content: Token[];
  /** Every stem, phrase and concept of the question as written (no correction), for the gate. */
  all: Iterable<string>;
  /** The same of its ask (the first sentence and its questions); undefined when that is all of it. */
  ask: Iterable<string> | undefined;
}

/**
 * Recommends the scenario whose card is closest to a question: cosine similarity of TF-IDF
 * vectors over an inverted index, so that a question costs time in proportion to its terms'
 * postings, not to the size of the catalog. Takes plain text; Slack markup is the Slack
 * edge's business.
 *
 * It ranks and explains only (`search`: scored cards, the words behind the best, the domain
 * gate's odds); whether and how to answer is the answer policy's decision (src/policy/decide.ts,
 * with the thresholds in the catalog's policy.yml), which the answering code (src/answer/) applies.
 */
export class Recommender {
  readonly options: RecommenderOptions;
  readonly catalog: Catalog;
  readonly index: SearchIndex;
  readonly #docOf: Map<Scenario, number>;
  // Scratch for #score, reused by every question: a score per document, and which have one.
  readonly #scores: Float64Array;
  readonly #scored: Uint8Array;
  readonly #touched: Int32Array;
  /** Per card, the terms of the compound concepts it is built on (policy.yml's `ranking`). */
  readonly #compounds: ReadonlyMap<number, readonly string[]>;
  /**
   * The words cards name themselves by, as stems, and which cards each names: their ids ("b2b",
   * "spa"), titles and one-word keywords, and the one-word terms of their concepts ("m2m", "ios").
   */
  readonly #names: ReadonlyMap<string, ReadonlySet<Scenario>>;

  /** `index`: one already built from this catalog with these options (snapshot.ts). */
  constructor(catalog: Catalog, options: Partial<RecommenderOptions> = {}, index?: SearchIndex) {
    this.options = { ...DEFAULT_RECOMMENDER_OPTIONS, ...options };
    this.catalog = catalog;
    this.index =
      index ??
      buildIndex(
        catalog,
        {
          offTopic: catalog.decline.flatMap((c) => c.messages),
          onTopic: catalog.onTopic.flatMap((c) => c.messages),
        },
        this.options,
      );
    const documents = this.index.scenarios.length;
    this.#docOf = new Map(this.index.scenarios.map((s, doc) => [s, doc]));
    this.#scores = new Float64Array(documents);
    this.#scored = new Uint8Array(documents);
    this.#touched = new Int32Array(documents);
    const compound = new Set(this.index.compounds.map((c) => c.concept));
    this.#compounds = new Map(
      this.index.scenarios
        .map(
          (s, doc) => [doc, s.concepts.filter((id) => compound.has(id)).map(conceptTerm)] as const,
        )
        .filter(([, terms]) => terms.length > 0),
    );
    const names = new Map<string, Set<Scenario>>();
    const name = (stem: string, s: Scenario) => {
      const cards = names.get(stem) ?? new Set();
      names.set(stem, cards.add(s));
    };
    for (const s of this.index.scenarios) {
      const own = [s.id.replaceAll("-", " "), s.title, ...s.keywords.filter((k) => !/\s/.test(k))];
      for (const t of analyze(own.join(" . "))) if (!t.stop) name(t.stem, s);
      for (const [stem, matches] of this.index.conceptWords)
        if (matches.some((m) => !m.ambiguous && s.concepts.includes(m.concept))) name(stem, s);
    }
    this.#names = names;
  }

  /** The best `k` cards for a question, best first, whatever the gate says. */
  rank(text: string, k = this.catalog.policy.show.alternatives + 1): ScoredScenario[] {
    return this.#score(this.#read(text).terms, k);
  }

  /** What a question finds: the best cards, the words behind the best, the gate's odds. */
  search(text: string): Search {
    const { terms, all, ask, content } = this.#read(text);
    const ranked = this.#score(terms, this.catalog.policy.show.alternatives + 1);
    const best = ranked[0];
    const nameWords = best ? this.#nameWords(content, best.scenario) : 0;
    // The ask says what the person wants (to choose, to debug, to pay): weighed again beside
    // the whole message, whose context (a stack, an error) would otherwise drown it.
    const { gate } = this.index;
    const weight = this.catalog.policy.decline.askWeight;
    const odds = gate.offTopicOdds(all);
    return {
      query: text,
      ranked,
      why: best ? this.#explain(terms, best.scenario) : [],
      offTopicOdds:
        ask === undefined || weight === 0
          ? odds
          : (odds + weight * gate.offTopicOdds(ask)) / (1 + weight),
      nameWords,
    };
  }

  /** The question's terms with their weights; unknown words are corrected or dropped. */
  #read(text: string): ReadQuestion {
    const { index, options } = this;
    const corrected = new Set<number>();
    const written = analyze(text, options.maxQueryWords);
    const tokens = written.map((t, i): Token => {
      if (t.stop || index.terms.has(t.stem) || index.conceptWords.has(t.stem)) return t;
      // Unknown: perhaps a typo of a known word, or a word the cards never use.
      const fix = index.speller.correct(t.word);
      if (fix === undefined || fix === t.word) return t;
      const [fixed] = analyze(fix);
      if (fixed === undefined) return t;
      corrected.add(i);
      return { ...fixed, surface: t.surface, sentence: t.sentence, ask: t.ask, before: t.before };
    });

    const readOptions = {
      ...options,
      compoundPartShare: this.catalog.policy.ranking.namedCompoundPartShare,
      isKnown: (term: string) => index.terms.has(term),
    };
    const read = readTerms(tokens, index, {
      ...readOptions,
      tokenWeight: (i) => (corrected.has(i) ? options.correctedWeight : 1),
    });
    // The gate weighs the words as written: a word corrected toward the cards' vocabulary is
    // evidence for a card, not evidence that the question is about sign-in at all.
    const all = corrected.size === 0 ? read.keys() : readTerms(written, index, readOptions).keys();
    const askTokens = written.every((t) => t.ask) ? undefined : written.filter((t) => t.ask);
    const ask =
      askTokens === undefined || this.catalog.policy.decline.askWeight === 0
        ? undefined
        : readTerms(askTokens, index, readOptions).keys();
    // Scoring weighs only the terms some card has.
    const known: QueryTerm[] = [];
    for (const { term, count, surfaces } of read.values()) {
      const indexed = index.terms.get(term);
      if (indexed !== undefined)
        known.push({ term, weight: sublinear(count) * indexed.idf, surfaces });
    }
    return { terms: known, all, ask, content: tokens.filter((t) => !t.stop) };
  }

  /**
   * How many words the question has when each one names the best card or a card on the other
   * axis beside it ("ios app for consumers": mobile-api and b2c); 0 when any word does not.
   */
  #nameWords(content: readonly Token[], best: Scenario): number {
    const fits = (card: Scenario) => card === best || complementary(best.axes, card.axes);
    const named = (t: Token) => [...(this.#names.get(t.stem) ?? [])].some(fits);
    return content.length > 0 && content.every(named) ? content.length : 0;
  }

  /**
   * Cosine similarity of the question with every card that shares a term, via the postings;
   * the best k, best first. Scores add up in typed arrays, not a Map: with 10,000 cards, Map
   * reads and writes were most of a question's time.
   */
  #score(terms: QueryTerm[], k: number): ScoredScenario[] {
    const norm = Math.hypot(...terms.map((t) => t.weight));
    const scores = this.#scores;
    const scored = this.#scored;
    const touched = this.#touched;
    let count = 0;
    for (const { term, weight } of terms) {
      const { docs, weights } = this.index.terms.get(term) as IndexedTerm;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] as number;
        if (scored[doc] === 0) {
          scored[doc] = 1;
          touched[count++] = doc;
        }
        scores[doc] = (scores[doc] as number) + (weight * (weights[i] as number)) / norm;
      }
    }
    // A card built on a compound concept fits less when the question does not name it whole.
    if (this.#compounds.size > 0) {
      const share = this.catalog.policy.ranking.unnamedCompoundShare;
      const named = new Set(terms.map((t) => t.term));
      for (const [doc, needs] of this.#compounds) {
        if (scored[doc] === 1 && !needs.every((term) => named.has(term)))
          scores[doc] = (scores[doc] as number) * share;
      }
    }
    const ranked = this.#top(touched.subarray(0, count), k);
    for (let i = 0; i < count; i++) {
      const doc = touched[i] as number;
      scores[doc] = 0;
      scored[doc] = 0;
    }
    return ranked;
  }

  /** The k best-scoring cards, best first; equal scores go to the smaller id, never file order. */
  #top(docs: Int32Array, k: number): ScoredScenario[] {
    const top: ScoredScenario[] = [];
    for (const doc of docs) {
      const scenario = this.index.scenarios[doc] as Scenario;
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

  /** What the user wrote that counted toward a card, the strongest first. */
  #explain(terms: QueryTerm[], scenario: Scenario): string[] {
    const doc = this.#docOf.get(scenario) as number;
    const contributions: Array<[surfaces: string[], weight: number]> = [];
    for (const { term, weight, surfaces } of terms) {
      const docWeight = postingWeight(this.index.terms.get(term) as IndexedTerm, doc);
      if (docWeight > 0) contributions.push([surfaces, weight * docWeight]);
    }
    contributions.sort(
      (a, b) => b[1] - a[1] || (a[0][0] as string).localeCompare(b[0][0] as string),
    );
    const why: string[] = [];
    // What is already quoted, phrases and their words: "page" adds nothing after "single page".
    const quoted = new Set<string>();
    for (const [surfaces] of contributions) {
      for (const surface of surfaces) {
        if (why.length >= this.options.maxWhy) return why;
        const key = surface.toLowerCase();
        if (quoted.has(key)) continue;
        why.push(surface);
        quoted.add(key);
        for (const word of key.split(/[^\p{L}\p{N}]+/u)) quoted.add(word);
      }
    }
    return why;
  }
}

function ranksBefore(score: number, scenario: Scenario, b: ScoredScenario): boolean {
  return score > b.score || (score === b.score && scenario.id < b.scenario.id);
}

/** Binary search: postings are stored in document order. */
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
