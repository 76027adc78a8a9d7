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

/**
 * One line of a card's Markdown as escaped mrkdwn: `**bold**` → `*bold*`, `*em*` → `_em_`, a
 * `- `, `* ` or `+ ` item → `• `, a `#` heading → bold, `[text](https://…)` → a link. Code
 * spans are kept as they are; anything else is shown as text (escaped, so never acted on).
 */
export function markdownLine(line: string): string {
  const escaped = escapeMrkdwn(line);
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(escaped);
  if (heading?.[1] !== undefined) return heading[1] === "" ? "" : `*${heading[1]}*`;
  const item = /^(\s*)[-*+]\s+/.exec(escaped);
  const rest = item ? escaped.slice(item[0].length) : escaped;
  const inline = rest
    // Code spans (odd pieces) are left alone.
    .split(/(`[^`]*`)/)
    .map((piece, i) => (i % 2 === 1 ? piece : inlineMarkdown(piece)))
    .join("");
  return item ? `${item[1]}• ${inline}` : inline;
}

function inlineMarkdown(text: string): string {
  return text
    .replace(
      /\[([^\]|]+)\]\((https?:\/\/[^\s()|]+)\)/g,
      (_, label: string, url: string) => `<${url}|${label}>`,
    )
    .replace(
      /\*\*(\S(?:.*?\S)?)\*\*|(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])/g,
      (_, bold: string | undefined, em: string | undefined) =>
        bold !== undefined ? `*${bold}*` : `_${em}_`,
    );
}

/** The units text is cut between: an entity (`&amp;`, `&lt;`, `&gt;`) or one grapheme cluster. */
function cutUnits(text: string, max: number): string[] {
  return (text.match(/&(?:amp|lt|gt);|[^&]+|&/g) ?? []).flatMap((token) => {
    if (token.startsWith("&")) return [token];
    return [...GRAPHEMES.segment(token)].flatMap(({ segment }) =>
      // A cluster longer than a piece (a letter under a thousand accents) goes by code points.
      segment.length <= max ? [segment] : [...segment],
    );
  });
}

/**
 * Escaped mrkdwn cut into pieces of at most `max` UTF-16 units, between words where a space
 * lies in a piece's second half, and never inside an entity or a grapheme cluster. Joined,
 * the pieces are the text again.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let piece: string[] = [];
  let size = 0;
  for (const unit of cutUnits(text, max)) {
    // Cut until the unit fits: what follows a cut between words may still leave it no room.
    while (size + unit.length > max && piece.length > 0) {
      let cut = piece.length;
      let kept = size;
      for (let i = piece.length - 1, at = size; i > 0 && at > max / 2; i -= 1) {
        at -= piece[i]?.length ?? 0;
        if (/^\s$/.test(piece[i] ?? "")) {
          cut = i + 1;
          kept = at + 1;
          break;
        }
      }
      pieces.push(piece.slice(0, cut).join(""));
      piece = piece.slice(cut);
      size -= kept;
    }
    piece.push(unit);
    size += unit.length;
  }
  if (piece.length > 0) pieces.push(piece.join(""));
  return pieces;
}
