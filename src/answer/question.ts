/**
 * A question, parsed once where it arrives. Everything after this (classifying, matching,
 * showing, recording) reads `text`; nothing reads the raw text again.
 */
import { tidyText } from "../text/plain.js";
import { slackToPlainText } from "../text/slack.js";

/**
 * How much of a question is read, in characters of plain text. Longer messages are pasted logs
 * more than questions; the recommender itself reads only the first 500 content words.
 */
export const QUESTION_MAX_CHARS = 8_000;

/**
 * How much of the text as sent is kept, before any parsing: Slack's own limit on a message.
 * Anything past it was never a question, and would cost time to read.
 */
export const RAW_MAX_CHARS = 40_000;

export interface Question {
  /**
   * The text as it was sent (Slack markup from Slack), to RAW_MAX_CHARS. Never shown, logged or
   * recorded.
   */
  raw: string;
  /**
   * Plain text for matching and display: mentions removed, links turned into their labels,
   * entities decoded, control characters dropped, white space collapsed; case kept.
   */
  text: string;
  /** True when the question was cut: the text as sent past RAW_MAX_CHARS, or `text` past QUESTION_MAX_CHARS. */
  cut: boolean;
}

/** A question as Slack sends it: message text in Slack's markup. */
export function questionFromSlack(sent: string): Question {
  const raw = sent.slice(0, RAW_MAX_CHARS);
  return fitted(raw, slackToPlainText(raw), raw.length < sent.length);
}

/**
 * A question typed as plain text (the command line): no Slack markup to read. `cut`: the
 * caller has already cut it (a line of input longer than RAW_MAX_CHARS).
 */
export function questionFromPlainText(sent: string, cut = false): Question {
  const raw = sent.slice(0, RAW_MAX_CHARS);
  return fitted(raw, tidyText(raw), cut || raw.length < sent.length);
}

function fitted(raw: string, text: string, rawCut: boolean): Question {
  if (text.length <= QUESTION_MAX_CHARS) return { raw, text, cut: rawCut };
  // Cut on a code point boundary: never half of an emoji.
  const kept = text.slice(0, QUESTION_MAX_CHARS).replace(/[\uD800-\uDBFF]$/, "");
  return { raw, text: kept.trimEnd(), cut: true };
}
