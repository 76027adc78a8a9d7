/** Text for Slack surfaces: escaping and length-safe truncation. Pure. */

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

const GRAPHEMES = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * Escapes the characters Slack treats as markup in mrkdwn and in a message's `text`, so that
 * `<!here>` or `<@U123>` coming from a user or a card is shown, never acted on.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * The part of `text` that fits into `max` UTF-16 units, ending with "…" when cut; measured
 * escaped when `escaping`, so that an entity such as `&amp;` is never split. Cuts between
 * grapheme clusters (what a reader sees as one character: 👩‍👩‍👧‍👦, é as e and its accent),
 * never inside one. Returns plain (unescaped) text.
 */
function cut(text: string, max: number, escaping: boolean): string {
  const length = escaping ? escapeMrkdwn(text).length : text.length;
  if (length <= max) return text;
  let out = "";
  let used = 0;
  for (const { segment: ch } of GRAPHEMES.segment(text)) {
    const size = escaping ? escapeMrkdwn(ch).length : ch.length;
    if (used + size > max - 1) break;
    out += ch;
    used += size;
  }
  return `${out}…`;
}

/**
 * What `mrkdwn(text, max)` shows, as plain text: the same cut, not yet escaped. Buttons carry
 * this, so that a message rebuilt from a button shows exactly what the first one showed.
 */
export function visiblePart(text: string, max: number): string {
  return cut(text, max, true);
}

/** Escaped mrkdwn of at most `max` characters. */
export function mrkdwn(text: string, max: number): string {
  return escapeMrkdwn(cut(text, max, true));
}

/** Plain text (headers, button labels) of at most `max` characters; plain_text is not parsed. */
export function plain(text: string, max: number): string {
  return cut(text, max, false);
}

/** A mrkdwn link; `label` must already be escaped. */
export function link(url: string, label: string): string {
  return `<${escapeMrkdwn(url)}|${label}>`;
}

/** Collapses whitespace (newlines included) so user text stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
