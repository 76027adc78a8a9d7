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

/**
 * Replaces each `<target|label>` construct (mentions start with `@`, `#` or `!`; anything else
 * is a link) with what `render` makes of it.
 */
export function mapSlackMarkup(
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
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

const isMention = (target: string) => /^[@#!]/.test(target);

/**
 * Normalises Slack text for matching: drops user, channel and special mentions, turns links into
 * their labels, decodes `&amp; &lt; &gt;`, drops emoji codes and control characters, folds case
 * and accents, and collapses white space.
 */
export function normalizeSlackText(raw: string): string {
  const withoutMarkup = mapSlackMarkup(raw.replace(CONTROL_CHARS, " "), (target, label) =>
    isMention(target) ? " " : ` ${label ?? target} `,
  );
  return decodeEntities(withoutMarkup.replace(EMOJI_CODE, " "))
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
