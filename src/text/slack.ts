/**
 * Slack message text → plain text for matching. Slack sends mentions, links and a few HTML
 * entities in its own markup (https://api.slack.com/reference/surfaces/formatting); none of it is
 * the user's question, except a link's label.
 */

// `<…>` constructs: mentions (<@U…>, <#C…|name>, <!here>, <!subteam^…>) and links (<url|label>).
const ANGLE_MARKUP = /<([^<>]*)>/g;
// `:emoji_name:` with an optional skin tone, but not times such as 12:30:45.
const EMOJI_CODE = /(?<![\w:]):[a-z0-9_+'-]+:(?::skin-tone-\d:)?/gi;
// Control and invisible format characters (zero-width spaces, bidi marks, the BOM).
const CONTROL_CHARS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const COMBINING_MARKS = /\p{M}+/gu;

function replaceMarkup(_match: string, inner: string): string {
  const first = inner[0];
  if (first === "@" || first === "#" || first === "!") return " ";
  const bar = inner.indexOf("|");
  return ` ${bar >= 0 ? inner.slice(bar + 1) : inner} `;
}

/**
 * Normalises Slack text for matching: drops user, channel and special mentions, turns links into
 * their labels, decodes `&amp; &lt; &gt;`, drops emoji codes and control characters, folds case
 * and accents, and collapses white space.
 */
export function normalizeSlackText(raw: string): string {
  return raw
    .replace(CONTROL_CHARS, " ")
    .replace(ANGLE_MARKUP, replaceMarkup)
    .replace(EMOJI_CODE, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
