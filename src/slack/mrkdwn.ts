/** Text for Slack surfaces: escaping, readable user text and length-safe truncation. Pure. */
import { decodeEntities, mapSlackMarkup } from "../text/slack.js";

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Escapes the characters Slack treats as markup in mrkdwn and in a message's `text`, so that
 * `<!here>` or `<@U123>` coming from a user or a card is shown, never acted on.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Fits `text` into `max` UTF-16 units, ending with "…" when cut. Cuts on code-point boundaries,
 * and when `escaping` it escapes as it goes, so an entity such as `&amp;` is never split.
 */
function fitText(text: string, max: number, escaping: boolean): string {
  const whole = escaping ? escapeMrkdwn(text) : text;
  if (whole.length <= max) return whole;
  let out = "";
  for (const ch of text) {
    const piece = escaping ? (ESCAPES[ch] ?? ch) : ch;
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/** Escaped mrkdwn of at most `max` characters. */
export function mrkdwn(text: string, max: number): string {
  return fitText(text, max, true);
}

/** Plain text (headers, button labels) of at most `max` characters; plain_text is not parsed. */
export function plain(text: string, max: number): string {
  return fitText(text, max, false);
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
 * Slack message text as a person would read it: `<@U1|ann>` → `@ann`, `<!here>` → `@here`,
 * `<#C1|general>` → `#general`, `<https://x|label>` → `label`, entities decoded. The result is
 * plain text: escape it (mrkdwn) before putting it back into Slack.
 */
export function readableSlackText(raw: string): string {
  const readable = mapSlackMarkup(raw, (target, label) => {
    if (target.startsWith("@") || target.startsWith("!")) {
      const name = label ?? target.slice(1).split("^")[0] ?? "";
      return name.startsWith("@") ? name : `@${name}`;
    }
    if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
    return label ?? target;
  });
  return decodeEntities(readable);
}
