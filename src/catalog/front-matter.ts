/**
 * A card's front matter, read as plain YAML and nothing else. Cards come from SCENARIOS_DIR,
 * which may be anyone's directory. gray-matter picks a parser from the text after the opening
 * `---` and, left to its defaults, runs `---js` blocks with eval; YAML parsers can build objects
 * from tags (`!!js/function`, `!!binary`, `!!set`). So the marker must be empty or `yaml`,
 * gray-matter is given engines that refuse every other language, and its YAML engine is
 * js-yaml with the core schema, which refuses any tag it does not know.
 */
import matter from "gray-matter";
import { CORE_SCHEMA, load } from "js-yaml";

export type FrontMatterResult =
  | { ok: true; data: unknown; body: string }
  | { ok: false; message: string };

/** The opening line: `---`, optionally followed by a language marker. */
const OPEN = /^---(?!-)([^\r\n]*)\r?\n/;
/** The closing line: `---` alone (trailing blanks allowed). */
const CLOSE = /^---[ \t]*(?:\r?\n|$)/m;

const YAML_MARKERS = new Set(["", "yaml", "yml"]);

const refuse = (): never => {
  throw new Error("only YAML front matter is read");
};

/** gray-matter's engines: safe YAML, and a refusal for every language it would otherwise run. */
const ENGINES = {
  yaml: { parse: (text: string) => load(text, { schema: CORE_SCHEMA }) as object },
  javascript: { parse: refuse },
  coffee: { parse: refuse },
  json: { parse: refuse },
  toml: { parse: refuse },
};

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
  if (CLOSE.exec(text.slice(open[0].length)) === null)
    return { ok: false, message: "front matter has no closing --- line" };
  try {
    // Passing options also turns off gray-matter's cache, which is keyed by content.
    const parsed = matter(text, { language: "yaml", engines: ENGINES });
    const empty = parsed.matter.trim() === "";
    return { ok: true, data: empty ? null : parsed.data, body: parsed.content };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot read front matter: ${firstLine(reason)}` };
  }
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? "").replace(/:$/, "");
}
