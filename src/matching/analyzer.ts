import { ENGLISH_STOPWORDS, PorterStemmer } from "./natural.js";

/**
 * Text → terms. Words are lowercased alphanumeric runs; stopwords are dropped; the rest is
 * Porter-stemmed. Multi-word phrases known to the index ("single page", "machine to machine")
 * become terms of their own, keyed by their stems joined with a space.
 */

// Chat filler that says nothing about the situation, on top of natural's English list.
const CHAT_STOPWORDS = [
  "hi",
  "hello",
  "hey",
  "thanks",
  "thank",
  "thx",
  "pls",
  "please",
  "anyone",
  "someone",
  "somebody",
  "anybody",
  "know",
  "just",
  "need",
  "needs",
  "want",
  "wants",
  "wanted",
  "use",
  "using",
  "used",
  "best",
  "right",
  "recommend",
  "recommended",
  "recommendation",
  "question",
  "quick",
  "help",
  "thing",
  "things",
  "stuff",
  "ok",
  "okay",
  "yeah",
  "yes",
  "what's",
  "whats",
  "hows",
  "im",
  "ive",
  "dont",
  "doesnt",
  "cant",
  "wont",
  "isnt",
  "its",
  "lets",
  "let",
];

const STOPWORDS = new Set([...ENGLISH_STOPWORDS, ...CHAT_STOPWORDS]);
const WORD = /[a-z0-9]+/g;

/**
 * Longer runs of letters are not words (hashes, base64, a key held down) and are skipped:
 * stemming or spell-checking one would cost time in proportion to its length.
 */
export const MAX_WORD_LENGTH = 40;

/**
 * Phrasal verbs whose particle is a stopword: without joining them, "sign up", "sign in" and
 * "sign on" would all be just "sign". Joined, they meet their one-word spellings ("signup",
 * "login", "setup").
 */
const PHRASAL_VERBS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["sign", new Set(["up", "in", "on", "out"])],
  ["log", new Set(["in", "on", "out"])],
  ["set", new Set(["up"])],
]);

/** Content words of already-normalised text, in order. */
export function contentWords(normalized: string): string[] {
  const words: string[] = [];
  let previous: string | undefined;
  for (const match of normalized.matchAll(WORD)) {
    const word = match[0];
    if (previous !== undefined && PHRASAL_VERBS.get(previous)?.has(word)) {
      words[words.length - 1] = previous + word;
      previous = undefined;
      continue;
    }
    previous = word;
    if (word.length <= MAX_WORD_LENGTH && !STOPWORDS.has(word)) words.push(word);
  }
  return words;
}

// Stemming is the costliest step per word; a bounded memo keeps repeated words cheap.
const STEM_MEMO_LIMIT = 50_000;
const stemMemo = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = stemMemo.get(word);
  if (stemmed === undefined) {
    stemmed = /^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word;
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    stemMemo.set(word, stemmed);
  }
  return stemmed;
}

/** The longest phrase that counts as a term of its own, in content words. */
export const MAX_PHRASE_WORDS = 4;

export interface PhraseMatch {
  /** The phrase's stems joined by a space. */
  key: string;
  /** Where it stands in the stem sequence: [start, end). */
  start: number;
  end: number;
}

/** The phrases an index knows; finds them in a sequence of stems. */
export class PhraseSet {
  readonly #phrases = new Set<string>();
  // Stems that start a phrase: most words start none, so most positions cost one lookup.
  readonly #starts = new Set<string>();

  /** Adds a phrase given as stems; one-word "phrases" are ignored. */
  add(stems: readonly string[]): void {
    if (stems.length < 2 || stems.length > MAX_PHRASE_WORDS) return;
    this.#phrases.add(stems.join(" "));
    this.#starts.add(stems[0] as string);
  }

  /** Every known phrase occurring in `stems`, once per occurrence, with where it starts. */
  find(stems: readonly string[]): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    for (let start = 0; start < stems.length; start++) {
      if (!this.#starts.has(stems[start] as string)) continue;
      let key = stems[start] as string;
      for (let end = start + 1; end < stems.length && end < start + MAX_PHRASE_WORDS; end++) {
        key += ` ${stems[end]}`;
        if (this.#phrases.has(key)) found.push({ key, start, end: end + 1 });
      }
    }
    return found;
  }
}
