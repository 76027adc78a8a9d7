import { DamerauLevenshteinDistance } from "./natural.js";

export interface SpellingOptions {
  /** Words shorter than this are never corrected: too many short words are one edit apart. */
  minWordLength: number;
  /**
   * Only correct toward words with the same first letter. Typists rarely miss the first letter,
   * and without this rule unrelated words slip in ("tacos" → "macos").
   */
  sameFirstLetter: boolean;
  /** Largest edit distance (Damerau-Levenshtein) accepted for words up to 7 letters. */
  maxDistanceShort: number;
  /** Largest edit distance accepted for words of 8 letters or more. */
  maxDistanceLong: number;
}

export const DEFAULT_SPELLING_OPTIONS: SpellingOptions = {
  minWordLength: 5,
  sameFirstLetter: true,
  maxDistanceShort: 1,
  maxDistanceLong: 2,
};

const MEMO_LIMIT = 10_000;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Corrects an unknown word toward a fixed vocabulary ("moble" → "mobile"). Candidates come from
 * a one-deletion index (the SymSpell idea): a word and its typo usually share a one-letter
 * deletion, so a lookup costs a few map reads instead of a scan of the vocabulary. natural's
 * Damerau-Levenshtein distance then checks each candidate.
 */
export class SpellingCorrector {
  readonly #options: SpellingOptions;
  readonly #words: Map<string, number>;
  // Built on the first word that needs correcting: many runs (a one-off CLI question) never do.
  #byDeletion: Map<string, string[]> | undefined;
  // Unknown words repeat across questions ("our", product names): remember the verdicts.
  readonly #memo = new Map<string, string | undefined>();

  /** `words` maps each vocabulary word to its frequency, used to break distance ties. */
  constructor(words: Map<string, number>, options: Partial<SpellingOptions> = {}) {
    this.#options = { ...DEFAULT_SPELLING_OPTIONS, ...options };
    this.#words = words;
  }

  /** The vocabulary with its frequencies, for a snapshot. */
  get words(): ReadonlyMap<string, number> {
    return this.#words;
  }

  #deletionIndex(): Map<string, string[]> {
    if (this.#byDeletion) return this.#byDeletion;
    const index = new Map<string, string[]>();
    for (const word of [...this.#words.keys()].sort()) {
      if (word.length < this.#options.minWordLength) continue;
      for (const key of deletions(word)) {
        const list = index.get(key);
        if (list) list.push(word);
        else index.set(key, [word]);
      }
    }
    this.#byDeletion = index;
    return index;
  }

  /** The closest vocabulary word, or undefined when none is close enough. */
  correct(word: string): string | undefined {
    if (this.#memo.has(word)) return this.#memo.get(word);
    const corrected = this.#closest(word);
    if (this.#memo.size >= MEMO_LIMIT) this.#memo.clear();
    this.#memo.set(word, corrected);
    return corrected;
  }

  #closest(word: string): string | undefined {
    const { minWordLength, maxDistanceShort, maxDistanceLong, sameFirstLetter } = this.#options;
    if (word.length < minWordLength || /\d/.test(word)) return undefined;
    if (this.#words.has(word)) return word;

    const byDeletion = this.#deletionIndex();
    const candidates = new Set<string>(byDeletion.get(word));
    for (const key of deletions(word)) {
      if (this.#words.has(key) && key.length >= minWordLength) candidates.add(key);
      for (const candidate of byDeletion.get(key) ?? []) candidates.add(candidate);
    }

    const maxDistance = word.length >= 8 ? maxDistanceLong : maxDistanceShort;
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      if (sameFirstLetter && candidate[0] !== word[0]) continue;
      const distance = DamerauLevenshteinDistance(word, candidate);
      if (distance > maxDistance) continue;
      if (
        distance < bestDistance ||
        (distance === bestDistance && this.#prefer(candidate, best as string))
      ) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  // Ties: the more frequent word, then a-z.
  #prefer(a: string, b: string): boolean {
    const aCount = this.#words.get(a) ?? 0;
    const bCount = this.#words.get(b) ?? 0;
    if (aCount !== bCount) return aCount > bCount;
    return a < b;
  }
}
