import { foldText } from "../text/plain.js";
import { ENGLISH_STOPWORDS, PorterStemmer } from "./natural.js";

/**
 * Plain text → tokens. This is the one analysis every part of the matcher uses (the index, the
 * questions, `suggest` and the bench):
 *
 * 1. Pasted material is set aside (`describingText`): fenced code blocks, quoted lines, stack
 *    traces and log lines rarely describe the situation and would drown the sentences that do.
 * 2. The rest is cut into sentences; a phrase never matches across a sentence boundary.
 * 3. Words are runs of letters and digits, folded to lowercase without accents. Each keeps how
 *    the user wrote it (`surface`), so that a "why" line quotes only what the user wrote.
 * 4. Phrasal verbs whose particle is a stopword are joined ("sign up" → "signup").
 * 5. Stopwords stay in the token stream (marked `stop`), so that a phrase such as "machine to
 *    machine" matches only where its words stand together; they are never terms themselves.
 * 6. Content words are Porter-stemmed.
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

const STOPWORDS: ReadonlySet<string> = new Set([...ENGLISH_STOPWORDS, ...CHAT_STOPWORDS]);

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

export interface Token {
  /** The word folded: lowercase, accents removed ("authentification"). */
  word: string;
  /** The Porter stem of a content word; a stopword keeps its word. */
  stem: string;
  /** The word as it was written ("Authentification"); joined verbs keep their space. */
  surface: string;
  /** Stopwords take part in phrases but are never terms of their own. */
  stop: boolean;
  /** Which sentence the token stands in, from 0. */
  sentence: number;
  /**
   * Whether that sentence is the message's ask: its first (an issue's title, a Slack question)
   * or one ending in a question mark. What the person wants is said there; the rest is context.
   */
  ask: boolean;
  /** What stands between the previous token of the sentence and this one (" ", "-", ", "). */
  before: string;
}

/** Tokens as the user wrote them, with what stood between them ("machine-to-machine"). */
export function surfaceOf(tokens: readonly Token[]): string {
  return tokens.map((t, i) => (i === 0 ? t.surface : t.before + t.surface)).join("");
}

// ------------------------------------------------------------------ pasted material

const FENCED_CODE = /```[\s\S]*?(```|$)/g;
// Inline code longer than this is pasted code, not a name such as `passport-saml`.
const INLINE_CODE_MAX = 40;
const INLINE_CODE = /`([^`\n]*)`/g;

/** Lines that are pasted output rather than prose. */
const PASTED_LINE = [
  /^\s*>/, // a quotation
  /^\s*at\s+\S+.*[(:]\d*/, // a JavaScript or Java stack frame
  /^\s*(File ".*", line \d+|Traceback \(most recent call last\))/, // Python
  /^\s*(\{|\[\s*[[{"\d-]|\[\s*$)/, // JSON (an object, or an array of values)
  /^\s*\[(trace|debug|info|warn|warning|error|fatal|critical)\]/i, // a log level prefix
  /^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, // a timestamped log line
  /^\s*(\$|#|PS>)\s/, // a shell prompt
  /^\s*(at |caused by:|exception in thread|\w+(\.\w+)+(exception|error):)/i,
];

/**
 * Lines an issue or forum template writes, not the asker: a template's headings alone on their
 * line ("### Describe the bug", "**Expected behaviour**"), its checklist of promises ("- [x] I
 * have searched the existing issues"), table rows (version tables), and sign-offs ("Thanks in
 * advance!"). The asker's own words under a heading are kept.
 */
const TEMPLATE_LINE = [
  /^\s*(#{1,6}\s*|\*\*|__)?\s*(describe the (bug|issue|problem|solution you'?d like|alternatives you'?ve considered)|is your (feature )?request related to a problem\??(\s*please describe)?|steps to reproduce|to reproduce|reproduction|expected (behaviou?r|result)|actual (behaviou?r|result)|current behaviou?r|screenshots?|environment|desktop|smartphone|additional (context|information|details)|alternatives considered|checklist|versions?|system info(rmation)?|logs?|relevant log output|code of conduct|notes?|other)\s*[?:.]*\s*(\*\*|__)?\s*[?:.]*\s*$/i,
  /^\s*[-*]\s*\[[ xX]\]\s*(i\s+(have|'ve|agree|searched|checked|read|confirm|understand)|this (is not|isn't)|searched|checked)/i,
  /^\s*\|.*\|\s*$/,
  /^\s*(thanks|thank you|thx|ty|cheers|regards|best regards|kind regards|best|any (help|hints?|pointers?|advice) (is |would be )?(much |greatly |really )?appreciated)\b[\w\s,.!:)(-]{0,30}$/i,
];

/**
 * The share of a line's characters that are letters or white space; prose is mostly letters.
 * Characters beyond ASCII count as letters (accented and non-Latin words).
 */
function letterShare(line: string): number {
  if (line.length === 0) return 1;
  let letters = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 32 || c === 9 || c > 127) letters++;
  }
  return letters / line.length;
}

/** A line that reads as prose: not pasted output, and mostly letters unless it is short. */
function isProse(line: string): boolean {
  if (PASTED_LINE.some((pattern) => pattern.test(line))) return false;
  if (TEMPLATE_LINE.some((pattern) => pattern.test(line))) return false;
  return line.trim().length < 20 || letterShare(line) >= 0.6;
}

/**
 * The part of a message that describes the situation: fenced code blocks, quoted lines, stack
 * frames, log lines, an issue template's own lines and lines that are mostly symbols are dropped; short inline code is kept
 * without its backticks (it is often a library's name), long inline code is dropped.
 */
export function describingText(text: string): string {
  // Most questions are one line with no code: only that line to judge.
  if (!text.includes("\n") && !text.includes("`")) return isProse(text) ? text : "";
  const withoutCode = text
    .replace(FENCED_CODE, "\n")
    .replace(INLINE_CODE, (_m, code: string) => (code.length <= INLINE_CODE_MAX ? code : " "));
  return withoutCode.split("\n").filter(isProse).join("\n");
}

// ------------------------------------------------------------------ tokens

// A sentence ends at . ! ? ; followed by a space or the end, or at a line break (kept, by the
// capture, to tell a question from a statement).
const SENTENCE_END = /([.!?;]+(?=\s|$)|\n+)/u;
const WORD = /[\p{L}\p{N}]+/gu;
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

function token(
  word: string,
  surface: string,
  sentence: number,
  ask: boolean,
  before: string,
): Token {
  const stop = STOPWORDS.has(word);
  return { word, stem: stop ? word : stem(word), surface, stop, sentence, ask, before };
}

/**
 * Tokens of plain text (not Slack markup: that is turned into plain text at the Slack edge).
 * `maxWords` bounds the work on a very long message; the first words are kept.
 */
export function analyze(text: string, maxWords = Number.POSITIVE_INFINITY): Token[] {
  const tokens: Token[] = [];
  // Sentences and the ends that closed them, alternating.
  const parts = describingText(text).split(SENTENCE_END);
  for (let sentence = 0; 2 * sentence < parts.length && tokens.length < maxWords; sentence++) {
    const text = parts[2 * sentence] as string;
    const ask = sentence === 0 || (parts[2 * sentence + 1]?.includes("?") ?? false);
    let previous: Token | undefined;
    let end = 0;
    for (const match of text.matchAll(WORD)) {
      const surface = match[0];
      const before = text.slice(end, match.index);
      end = match.index + surface.length;
      let word = foldText(surface);
      if (!/^[a-z0-9]+$/.test(word)) word = word.replace(/[^a-z0-9]/g, "");
      if (word === "" || word.length > MAX_WORD_LENGTH) {
        previous = undefined;
        continue;
      }
      if (previous !== undefined && PHRASAL_VERBS.get(previous.word)?.has(word)) {
        const joined = `${previous.surface}${before}${surface}`;
        tokens[tokens.length - 1] = token(
          previous.word + word,
          joined,
          sentence,
          ask,
          previous.before,
        );
        previous = undefined;
        continue;
      }
      previous = token(word, surface, sentence, ask, tokens.length === 0 ? "" : before);
      tokens.push(previous);
      if (tokens.length >= maxWords) break;
    }
  }
  return tokens;
}

/** The stems of a text's content words, in order: what an index or `suggest` counts. */
export function contentStems(text: string): string[] {
  return analyze(text)
    .filter((t) => !t.stop)
    .map((t) => t.stem);
}

// ------------------------------------------------------------------ phrases

/** The longest phrase that counts as a term of its own, in words (stopwords included). */
export const MAX_PHRASE_WORDS = 5;

export interface PhraseMatch {
  /** The phrase's key (its content stems joined by a space, or a concept's key). */
  key: string;
  /** Where it stands in the token sequence: [start, end). */
  start: number;
  end: number;
}

/**
 * Multi-word phrases ("single page app", "machine to machine"), found in a token sequence only
 * where their words stand together, stopwords included, within one sentence. Content words
 * compare by stem, so "single page apps" matches too.
 */
export class PhraseSet {
  // Each phrase as the sequence of stems (stopwords as their word), joined by spaces → its keys.
  readonly #keys = new Map<string, string[]>();
  readonly #prefixes = new Set<string>();

  /**
   * Adds a phrase given as tokens; it is found under `key` (default: its content stems joined
   * by a space). Phrases of one content word, or longer than MAX_PHRASE_WORDS, are ignored.
   */
  add(tokens: readonly Token[], key?: string): void {
    const content = tokens.filter((t) => !t.stop);
    if (tokens.length > MAX_PHRASE_WORDS || (key === undefined && content.length < 2)) return;
    if (tokens.length < 2 || content.length === 0) return;
    const pattern = tokens.map((t) => t.stem);
    const keys = this.#keys.get(pattern.join(" ")) ?? [];
    const added = key ?? content.map((t) => t.stem).join(" ");
    if (!keys.includes(added)) keys.push(added);
    this.#set(pattern.join(" "), keys);
  }

  #set(pattern: string, keys: string[]): void {
    this.#keys.set(pattern, keys);
    const stems = pattern.split(" ");
    for (let i = 1; i < stems.length; i++) this.#prefixes.add(stems.slice(0, i).join(" "));
  }

  /** The phrases as plain data (patterns and their keys), for a snapshot. */
  toJSON(): Array<[pattern: string, keys: string[]]> {
    return [...this.#keys];
  }

  static fromJSON(entries: ReadonlyArray<[string, string[]]>): PhraseSet {
    const phrases = new PhraseSet();
    for (const [pattern, keys] of entries) phrases.#set(pattern, [...keys]);
    return phrases;
  }

  /** Every known phrase in `tokens`, once per occurrence. */
  find(tokens: readonly Token[]): PhraseMatch[] {
    const found: PhraseMatch[] = [];
    for (let start = 0; start < tokens.length; start++) {
      const first = tokens[start] as Token;
      let pattern = first.stem;
      if (!this.#prefixes.has(pattern)) continue;
      for (let end = start + 1; end < tokens.length && end < start + MAX_PHRASE_WORDS; end++) {
        const next = tokens[end] as Token;
        if (next.sentence !== first.sentence) break;
        pattern += ` ${next.stem}`;
        const keys = this.#keys.get(pattern);
        if (keys !== undefined && !next.stop) {
          for (const key of keys) found.push({ key, start, end: end + 1 });
        }
        if (!this.#prefixes.has(pattern)) break;
      }
    }
    return found;
  }
}
