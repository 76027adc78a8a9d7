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

export interface Question {
  /** The text as it was sent (Slack markup from Slack). Never shown, logged or recorded. */
  raw: string;
  /**
   * Plain text for matching and display: mentions removed, links turned into their labels,
   * entities decoded, control characters dropped, white space collapsed; case kept.
   */
  text: string;
  /** True when `text` was cut to QUESTION_MAX_CHARS. */
  cut: boolean;
}

/** A question as Slack sends it: message text in Slack's markup. */
export function questionFromSlack(raw: string): Question {
  return fitted(raw, slackToPlainText(raw));
}

/** A question typed as plain text (the command line): no Slack markup to read. */
export function questionFromPlainText(raw: string): Question {
  return fitted(raw, tidyText(raw));
}

function fitted(raw: string, text: string): Question {
  if (text.length <= QUESTION_MAX_CHARS) return { raw, text, cut: false };
  // Cut on a code point boundary: never half of an emoji.
  const kept = text.slice(0, QUESTION_MAX_CHARS).replace(/[\uD800-\uDBFF]$/, "");
  return { raw, text: kept.trimEnd(), cut: true };
}
