/**
 * Slack message text → plain text. Slack sends mentions, links and a few HTML entities in its
 * own markup (https://api.slack.com/reference/surfaces/formatting); none of it is the user's
 * question, except a link's label.
 */
import { foldText, tidyText } from "./plain.js";

// `<…>` constructs: mentions (<@U…>, <#C…|name>, <!here>, <!subteam^…>) and links (<url|label>).
const ANGLE_MARKUP = /<([^<>]*)>/g;
// `:emoji_name:` with an optional skin tone, but not times such as 12:30:45.
const EMOJI_CODE = /(?<![\w:]):[a-z0-9_+'-]+:(?::skin-tone-\d:)?/gi;

/**
 * Replaces each `<target|label>` construct (mentions start with `@`, `#` or `!`; anything else
 * is a link) with what `render` makes of it.
 */
function mapSlackMarkup(
  raw: string,
  render: (target: string, label: string | undefined) => string,
): string {
  return raw.replace(ANGLE_MARKUP, (_match, inner: string) => {
    const bar = inner.indexOf("|");
    return bar === -1
      ? render(inner, undefined)
      : render(inner.slice(0, bar), inner.slice(bar + 1));
  });
}

/** Decodes the three entities Slack escapes: `&lt;`, `&gt;` and `&amp;` (last). */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const isMention = (target: string) => /^[@#!]/.test(target);

/**
 * Slack text as plain text: user, channel and special mentions dropped, links turned into their
 * labels, emoji codes dropped, `&amp; &lt; &gt;` decoded, then tidied (tidyText). Case is
 * kept. Entities are decoded after the markup is read, so that a `&lt;!here&gt;` the user typed
 * stays text and never becomes markup.
 */
export function slackToPlainText(raw: string): string {
  const withoutMarkup = mapSlackMarkup(raw, (target, label) =>
    isMention(target) ? " " : ` ${label ?? target} `,
  );
  return tidyText(decodeEntities(withoutMarkup.replace(EMOJI_CODE, " ")));
}

/** Slack text as plain text, with case and accents folded (what the catalog's words meet). */
export function normalizeSlackText(raw: string): string {
  return foldText(slackToPlainText(raw));
}
