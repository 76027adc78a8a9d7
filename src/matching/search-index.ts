/**
 * Building the search index: a pure function from the catalog (and the off-topic material) to
 * the data a question is scored against. Querying lives in recommender.ts.
 */
import type { Catalog, Concept, Scenario } from "../catalog/types.js";
import { analyze, PhraseSet, surfaceOf, type Token } from "./analyzer.js";
import { Gate } from "./gate.js";
import { TfIdf } from "./natural.js";
import { SpellingCorrector } from "./spelling.js";

export interface FieldWeights {
  title: number;
  summary: number;
  keywords: number;
  examples: number;
  body: number;
  /** A card's reference to a concept counts like this many occurrences of the concept's term. */
  concepts: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = {
  title: 3,
  summary: 2,
  keywords: 3,
  examples: 2,
  body: 1,
  concepts: 3,
};

/** The term a concept contributes to cards and questions: `~native-app`. Words never start so. */
export const conceptTerm = (id: string): string => `~${id}`;

/** A term's postings in document order, as parallel typed arrays (compact and fast to walk). */
export interface IndexedTerm {
  idf: number;
  /** Indexes of the cards (in catalog order) that contain the term, ascending. */
  docs: Int32Array;
  /** The term's TF-IDF weight in each of those cards' unit-length vectors. */
  weights: Float64Array;
}

/** How a question's word or phrase is recognised as naming a concept. */
export interface ConceptMatch {
  concept: string;
  /** An ambiguous term counts only beside other evidence. */
  ambiguous: boolean;
}

const FIELDS = ["title", "summary", "keywords", "examples", "body"] as const;
type Field = (typeof FIELDS)[number];
type Document = Record<Field, readonly string[]> & { concepts: readonly string[] };

function cardDocument(s: Scenario): Document {
  return {
    title: [s.title],
    summary: [s.summary],
    keywords: s.keywords,
    examples: s.examples,
    body: [s.body],
    concepts: s.concepts,
  };
}

/** Sublinear term frequency: 1 + ln(tf) from one occurrence up; below one, as it is. */
export function sublinear(tf: number): number {
  return tf >= 1 ? 1 + Math.log(tf) : tf;
}

/**
 * The concepts' terms, from the lexicons: one-word terms by stem in `conceptWords`; longer ones
 * as phrases whose key starts with "~ " (so that a concept phrase is never a card term), listed
 * in `conceptPhrases`. Their words join the speller's vocabulary.
 */
function addConceptTerms(
  concepts: readonly Concept[],
  phrases: PhraseSet,
  conceptPhrases: Map<string, ConceptMatch[]>,
  conceptWords: Map<string, ConceptMatch[]>,
  vocabulary: Map<string, number>,
): void {
  const add = (map: Map<string, ConceptMatch[]>, key: string, match: ConceptMatch) => {
    const list = map.get(key) ?? [];
    if (!list.some((m) => m.concept === match.concept)) list.push(match);
    map.set(key, list);
  };
  for (const concept of concepts) {
    const named: Array<[string, boolean]> = [
      ...concept.terms.map((t): [string, boolean] => [t, false]),
      ...concept.ambiguous.map((t): [string, boolean] => [t, true]),
    ];
    for (const [text, ambiguous] of named) {
      const tokens = analyze(text);
      for (const t of tokens) if (!t.stop) vocabulary.set(t.word, vocabulary.get(t.word) ?? 1);
      const content = tokens.filter((t) => !t.stop);
      const match = { concept: concept.id, ambiguous };
      if (tokens.length === 1 && content.length === 1) {
        add(conceptWords, (content[0] as Token).stem, match);
      } else if (content.length > 0) {
        const key = `~ ${tokens.map((t) => t.stem).join(" ")}`;
        phrases.add(tokens, key);
        add(conceptPhrases, key, match);
      }
    }
  }
}

/** What turns tokens into terms: card phrases and the concepts' words. */
export interface Lexicon {
  readonly phrases: PhraseSet;
  /** Phrase keys that name concepts, and how. */
  readonly conceptPhrases: ReadonlyMap<string, readonly ConceptMatch[]>;
  /** One-word concept terms, by stem. */
  readonly conceptWords: ReadonlyMap<string, readonly ConceptMatch[]>;
  /** Concepts named by naming all of some others together (`all_of`). */
  readonly compounds: ReadonlyArray<{ concept: string; allOf: readonly string[] }>;
}

export interface SearchIndex extends Lexicon {
  readonly scenarios: readonly Scenario[];
  readonly terms: ReadonlyMap<string, IndexedTerm>;
  /** Whether a question is about choosing how to sign in at all (gate.ts). */
  readonly gate: Gate;
  readonly speller: SpellingCorrector;
}

/** A term of a text: how much it counts, and how the text wrote it. */
export interface ReadTerm {
  term: string;
  count: number;
  surfaces: string[];
}

export interface ReadOptions {
  phraseWordWeight: number;
  /** How much one mention of a concept's term counts. */
  conceptWeight: number;
  /** How much the token at an index counts (a corrected typo counts less). Default 1. */
  tokenWeight?: (i: number) => number;
  /** Whether a term counts as evidence for ambiguous concept terms. Default: any term. */
  isKnown?: (term: string) => boolean;
  /**
   * How much a concept's own term keeps when the text names it with the others of a compound
   * (policy.yml's `ranking.named_compound_part_share`). Default 1: all of it.
   */
  compoundPartShare?: number;
}

/**
 * The terms of a text's tokens: content stems (less inside a matched phrase), card phrases, and
 * concepts. An ambiguous concept term ("rn") counts only when the text has other evidence, so
 * it never decides alone; concepts named together name their compound.
 */
export function readTerms(
  tokens: readonly Token[],
  lexicon: Lexicon,
  options: ReadOptions,
): Map<string, ReadTerm> {
  const { phraseWordWeight, conceptWeight, tokenWeight, isKnown, compoundPartShare = 1 } = options;
  const terms = new Map<string, ReadTerm>();
  const add = (term: string, count: number, surface: string) => {
    const entry = terms.get(term);
    if (entry === undefined) terms.set(term, { term, count, surfaces: [surface] });
    else {
      entry.count += count;
      if (!entry.surfaces.includes(surface)) entry.surfaces.push(surface);
    }
  };
  const span = (start: number, end: number) => surfaceOf(tokens.slice(start, end));

  const phraseMatches = lexicon.phrases.find(tokens);
  const inPhrase = new Uint8Array(tokens.length);
  for (const { key, start, end } of phraseMatches) {
    if (key.startsWith("~")) continue;
    inPhrase.fill(1, start, end);
    add(key, 1, span(start, end));
  }
  let evidence = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.stop) continue;
    const weight = (inPhrase[i] ? phraseWordWeight : 1) * (tokenWeight ? tokenWeight(i) : 1);
    add(t.stem, weight, t.surface);
    if (!evidence && (isKnown === undefined || isKnown(t.stem))) evidence = true;
  }

  // Concepts the text names, by their terms: one-word terms by stem, longer ones as phrases.
  // Longer names win: a word inside a concept's phrase that names another concept is that
  // phrase's word ("employees" in "our customers' employees" names business customers only),
  // unless that concept is a part of the phrase's compound ("partners" in "staff and partners").
  const phraseConcepts: Array<Set<string> | undefined> = [];
  for (const { key, start, end } of phraseMatches) {
    const matches = lexicon.conceptPhrases.get(key);
    if (!matches) continue;
    // What this phrase names: its concepts, and the parts of any compound among them.
    const named: string[] = [];
    for (const { concept } of matches) {
      named.push(concept);
      const compound = lexicon.compounds.find((c) => c.concept === concept);
      if (compound !== undefined) named.push(...compound.allOf);
    }
    for (let i = start; i < end; i++) {
      const concepts = phraseConcepts[i] ?? new Set<string>();
      for (const concept of named) concepts.add(concept);
      phraseConcepts[i] = concepts;
    }
  }
  const hits: Array<{ match: ConceptMatch; surface: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.stop) continue;
    const matches = lexicon.conceptWords.get(t.stem);
    if (!matches) continue;
    const around = phraseConcepts[i];
    for (const match of matches) {
      if (around === undefined || around.has(match.concept))
        hits.push({ match, surface: t.surface });
    }
  }
  for (const { key, start, end } of phraseMatches) {
    const matches = lexicon.conceptPhrases.get(key);
    if (matches) for (const match of matches) hits.push({ match, surface: span(start, end) });
  }
  if (!evidence) evidence = hits.some((h) => !h.match.ambiguous);
  const named = new Map<string, string>();
  for (const { match, surface } of hits) {
    if (match.ambiguous && !evidence) continue;
    add(conceptTerm(match.concept), conceptWeight * (match.ambiguous ? 0.5 : 1), surface);
    if (!named.has(match.concept)) named.set(match.concept, surface);
  }
  if (named.size > 1) {
    for (const { concept, allOf } of lexicon.compounds) {
      if (!allOf.every((id) => named.has(id))) continue;
      for (const id of allOf) {
        add(conceptTerm(concept), conceptWeight, named.get(id) as string);
        // Named together, the parts' evidence goes to the compound, each keeping this share.
        const part = terms.get(conceptTerm(id));
        if (part !== undefined) part.count *= compoundPartShare;
      }
    }
  }
  return terms;
}

export interface IndexOptions {
  fieldWeights: FieldWeights;
  /**
   * Pivoted length normalisation: a card's vector is divided by
   * (1 - lengthSlope) × the cards' mean length + lengthSlope × its own length. 1 is plain
   * cosine; below 1, a card with many examples is not outscored by a short one merely for
   * being long.
   */
  lengthSlope: number;
  phraseWordWeight: number;
  conceptWeight: number;
  /**
   * How much each term of the on-topic gate material (on-topic/*.yml) counts in the gate beside
   * one of the cards' own text. At 1 its long messages outweigh the cards' short phrasings, and
   * a short question in the cards' words ("login for our staff and partners") reads as off topic.
   */
  onTopicMaterialWeight: number;
}

/** What the domain gate learns from beyond the cards' own text. */
export interface GateMaterial {
  /** Messages the bot declines (decline/*.yml): the off-topic side. */
  offTopic: readonly string[];
  /** Questions on topic as people post them (on-topic/*.yml): the on-topic side, beside the cards. */
  onTopic: readonly string[];
}

/**
 * Builds the index: every card is one TF-IDF document, its fields weighted and its concepts
 * terms of their own. natural's TfIdf supplies the IDF. The gate material trains the gate only.
 */
export function buildIndex(
  catalog: Catalog,
  { offTopic, onTopic: onTopicMessages }: GateMaterial,
  options: IndexOptions,
): SearchIndex {
  const { fieldWeights } = options;
  const read: ReadOptions = {
    ...options,
    compoundPartShare: catalog.policy.ranking.namedCompoundPartShare,
  };
  const scenarios = catalog.scenarios;
  const documents = scenarios.map(cardDocument);

  // Phrases come from the keywords of every card, so a phrase is one term in all documents.
  const phrases = new PhraseSet();
  for (const s of scenarios) for (const keyword of s.keywords) phrases.add(analyze(keyword));
  const conceptPhrases = new Map<string, ConceptMatch[]>();
  const conceptWords = new Map<string, ConceptMatch[]>();
  const vocabulary = new Map<string, number>();
  addConceptTerms(catalog.concepts, phrases, conceptPhrases, conceptWords, vocabulary);
  const lexicon: Lexicon = {
    phrases,
    conceptPhrases,
    conceptWords,
    compounds: catalog.concepts
      .filter((c) => c.allOf.length > 0)
      .map((c) => ({ concept: c.id, allOf: c.allOf })),
  };

  // One pass over the cards' text: each card's weighted term counts, and what the gate learns
  // the on-topic side from (everything but the bodies, which are guides rather than questions).
  const onTopic: string[][] = [];
  const weighted = documents.map((doc) => {
    const counts = new Map<string, number>();
    for (const field of FIELDS) {
      for (const text of doc[field]) {
        const tokens = analyze(text);
        for (const t of tokens)
          if (!t.stop) vocabulary.set(t.word, (vocabulary.get(t.word) ?? 0) + 1);
        const terms = readTerms(tokens, lexicon, read);
        if (field !== "body") onTopic.push([...terms.keys()]);
        for (const { term, count } of terms.values()) {
          // A card's concepts are the ones it declares, not those its words happen to name.
          if (term.startsWith("~")) continue;
          counts.set(term, (counts.get(term) ?? 0) + count * fieldWeights[field]);
        }
      }
    }
    for (const id of doc.concepts) counts.set(conceptTerm(id), fieldWeights.concepts);
    return counts;
  });

  const tfidf = new TfIdf();
  for (const counts of weighted) tfidf.addDocument([...counts.keys()]);

  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  const vectors = weighted.map((counts) =>
    [...counts].map(([term, tf]) => [term, sublinear(tf) * tfidf.idf(term)] as const),
  );
  const lengths = vectors.map((vector) => Math.hypot(...vector.map(([, w]) => w)) || 1);
  const pivot = lengths.reduce((a, b) => a + b, 0) / (lengths.length || 1);
  vectors.forEach((vector, doc) => {
    const norm = (1 - options.lengthSlope) * pivot + options.lengthSlope * (lengths[doc] as number);
    for (const [term, weight] of vector) {
      let list = postings.get(term);
      if (!list) {
        list = { docs: [], weights: [] };
        postings.set(term, list);
      }
      list.docs.push(doc);
      list.weights.push(weight / norm);
    }
  });
  const terms = new Map<string, IndexedTerm>();
  for (const [term, list] of postings) {
    terms.set(term, {
      idf: tfidf.idf(term),
      docs: Int32Array.from(list.docs),
      weights: Float64Array.from(list.weights),
    });
  }

  const termsOf = (text: string) => [...readTerms(analyze(text), lexicon, read).keys()];
  const gate = new Gate(
    onTopic,
    offTopic.map(termsOf),
    {},
    { texts: onTopicMessages.map(termsOf), weight: options.onTopicMaterialWeight },
  );
  return { scenarios, terms, ...lexicon, gate, speller: new SpellingCorrector(vocabulary) };
}
