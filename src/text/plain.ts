/** Plain text: tidying what people type, and folding it for comparison. Pure. */

// Control and invisible format characters (zero-width spaces, bidi marks, the BOM), but not the
// line break: lines tell a question's prose from what was pasted into it (a log, a stack trace).
// Nor the zero-width joiner and the emoji tag characters, which hold emoji sequences together
// (👩‍👩‍👧‍👦, a subdivision's flag): without them a family shows as four people.
const CONTROL_CHARS = /(?!\n|\u200D|[\u{E0020}-\u{E007F}])[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const COMBINING_MARKS = /\p{M}+/gu;
// A surrogate without its other half: not a character, and JSON would escape it six times over.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Control characters dropped, lone surrogates replaced by U+FFFD, white space collapsed: runs of
 * spaces to one, line breaks kept (at most one blank line in a row).
 */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL_CHARS, " ")
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/[^\S\n]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Case and accents folded, white space collapsed: for comparing words, never for showing. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  // Printable ASCII, by far the most common case, needs no Unicode decomposition.
  const folded = /^[ -~]*$/.test(lower)
    ? lower
    : lower.normalize("NFKD").replace(COMBINING_MARKS, "");
  return folded.replace(/\s+/g, " ").trim();
}
