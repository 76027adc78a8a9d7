/**
 * A card's front matter, read as plain YAML and nothing else. Cards come from SCENARIOS_DIR,
 * which may be anyone's directory: front-matter libraries such as gray-matter pick a parser
 * from the text after the opening `---` and run `---js` blocks with eval, and YAML parsers
 * build objects from tags (`!!js/function`, `!!binary`, `!!set`). Here the marker must be empty
 * or `yaml`, and the YAML is parsed with the core schema, no custom tags, and any tag the core
 * schema does not know refused.
 */
import { parseDocument } from "yaml";

export type FrontMatterResult =
  | { ok: true; data: unknown; body: string }
  | { ok: false; message: string };

/** The opening line: `---`, optionally followed by a language marker. */
const OPEN = /^---(?!-)([^\r\n]*)\r?\n/;
/** The closing line: `---` alone (trailing blanks allowed). */
const CLOSE = /^---[ \t]*(?:\r?\n|$)/m;

const YAML_MARKERS = new Set(["", "yaml", "yml"]);

/** Splits `text` (already decoded, without a byte order mark) into YAML data and body. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const open = OPEN.exec(text);
  if (open === null)
    return { ok: false, message: "has no YAML front matter (--- … --- at the top)" };
  const marker = (open[1] ?? "").trim();
  if (!YAML_MARKERS.has(marker.toLowerCase())) {
    return {
      ok: false,
      message: `front matter is marked "${marker}": only YAML is read (remove "${marker}" after the opening ---)`,
    };
  }
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (close === null) return { ok: false, message: "front matter has no closing --- line" };

  // One blank line first, so that the parser's line numbers are the file's.
  const doc = parseDocument(`\n${rest.slice(0, close.index)}`, {
    version: "1.2",
    schema: "core",
    customTags: [],
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: true,
  });
  const [error] = doc.errors;
  if (error) return { ok: false, message: `cannot read front matter: ${firstLine(error.message)}` };
  // An unknown tag is only a warning to the parser (the value falls back to a string): refuse it.
  const [warning] = doc.warnings;
  if (warning) {
    const message = `only plain YAML is read, without tags (${firstLine(warning.message)})`;
    return { ok: false, message: `cannot read front matter: ${message}` };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, message: `cannot read front matter: ${firstLine(String(error))}` };
  }
  return { ok: true, data, body: rest.slice(close.index + close[0].length) };
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/:$/, "");
}
