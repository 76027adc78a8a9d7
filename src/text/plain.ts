/** Plain text: tidying what people type, and folding it for comparison. Pure. */

// Control and invisible format characters (zero-width spaces, bidi marks, the BOM).
const CONTROL_CHARS = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const COMBINING_MARKS = /\p{M}+/gu;
// A surrogate without its other half: not a character, and JSON would escape it six times over.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Control characters dropped, lone surrogates replaced by U+FFFD, white space collapsed. */
export function tidyText(text: string): string {
  return text
    .replace(CONTROL_CHARS, " ")
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(/\s+/g, " ")
    .trim();
}

/** Case and accents folded, white space collapsed: for comparing words, never for showing. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
