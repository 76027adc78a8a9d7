/**
 * A scenarios directory is input (SCENARIOS_DIR may point anywhere): reading a card must never
 * run code, and every limit the app relies on is checked when the card is read.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkCatalog } from "../../src/catalog/load.js";
import { cardFields, cardsDir, cardText } from "../helpers/cards.js";

/** The problems of a directory holding `files`, with bare file names. */
function problemsIn(files: Record<string, string | Buffer>) {
  const dir = cardsDir({});
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return checkCatalog(dir).problems.map((p) => ({ ...p, file: path.basename(p.file) }));
}

const problemsOf = (overrides: Record<string, unknown>) =>
  problemsIn({ "a.md": cardText(cardFields("a", overrides)) });

/** A valid card's front matter as YAML lines, for cards written by hand. */
const yamlOf = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join("\n");

const globals = globalThis as { cardRan?: unknown };
afterEach(() => {
  delete globals.cardRan;
});

describe("front matter is read as YAML only", () => {
  it("never runs a ---js card", () => {
    const js = `---js
globalThis.cardRan = true;
process.exit(3);
({ ${Object.entries(cardFields("a"))
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(", ")} })
---
Body.
`;
    const problems = problemsIn({ "a.md": js });
    expect(globals.cardRan).toBeUndefined();
    expect(problems).toEqual([{ file: "a.md", message: expect.stringMatching(/"js".*only YAML/) }]);
  });

  it.each(["javascript", "coffee", "coffeescript", "json", "toml", "JS", " js "])(
    "refuses the ---%s marker",
    (language) => {
      const text = `---${language}\n${yamlOf(cardFields("a"))}\n---\nBody.\n`;
      expect(problemsIn({ "a.md": text })).toEqual([
        { file: "a.md", message: expect.stringMatching(/only YAML/) },
      ]);
    },
  );

  it("accepts an explicit ---yaml marker", () => {
    const text = `---yaml\n${yamlOf(cardFields("a"))}\n---\nBody.\n`;
    expect(problemsIn({ "a.md": text })).toEqual([]);
  });

  it.each([
    ["a JavaScript function", "!!js/function 'function () { globalThis.cardRan = true }'"],
    ["a regular expression", "!!js/regexp /x/"],
    ["binary data", "!!binary aGVsbG8="],
    ["a set", "!!set { x }"],
    ["a timestamp", "!!timestamp 2026-01-01"],
    ["a local tag", "!custom value"],
    ["a Python object", "!!python/object/apply:os.system ['true']"],
  ])("constructs no %s from a YAML tag", (_, value) => {
    const fields = yamlOf(cardFields("a"));
    const problems = problemsIn({ "a.md": `---\n${fields}\nflow_note: ${value}\n---\nBody.\n` });
    expect(globals.cardRan).toBeUndefined();
    expect(problems).toEqual([
      { file: "a.md", message: expect.stringMatching(/cannot read front matter: .*tag/i) },
    ]);
  });

  it("refuses front matter that is never closed", () => {
    expect(problemsIn({ "a.md": `---\n${yamlOf(cardFields("a"))}\nBody.\n` })).toEqual([
      { file: "a.md", message: expect.stringMatching(/closing ---/) },
    ]);
  });

  it("still reads Windows line endings and a byte order mark", () => {
    const text = `\uFEFF---\r\n${yamlOf(cardFields("a")).replaceAll("\n", "\r\n")}\r\n---\r\nBody.\r\n`;
    const dir = cardsDir({ "a.md": text });
    const { scenarios, problems } = checkCatalog(dir);
    expect(problems).toEqual([]);
    expect(scenarios[0]?.body).toBe("Body.");
  });
});

/** Each length limit: the field a breach is reported on, the limit, and a card of size n. */
const LIMITS: Array<[string, number, (n: number) => Record<string, unknown>]> = [
  ["id", 64, (n) => ({ id: "a".repeat(n) })],
  ["related.0", 64, (n) => ({ related: ["b".repeat(n)] })],
  ["title", 100, (n) => ({ title: "T".repeat(n) })],
  ["keywords", 500, (n) => ({ keywords: Array.from({ length: n }, (_, i) => `k${i}`) })],
  ["keywords.0", 100, (n) => ({ keywords: ["k".repeat(n)] })],
  ["examples", 1000, (n) => ({ examples: Array.from({ length: n }, (_, i) => `q ${i}?`) })],
  ["examples.0", 500, (n) => ({ examples: ["q".repeat(n)] })],
];

describe("limits, by file and field", () => {
  it.each(LIMITS)("%s: at most %i", (field, limit, card) => {
    const atLimit = problemsOf(card(limit)).filter((p) => /at most/.test(p.message));
    expect(atLimit).toEqual([]);
    expect(problemsOf(card(limit + 1))).toEqual([
      { file: "a.md", field, message: expect.stringMatching(/at most/) },
    ]);
  });

  it.each(["|", "<", ">"])("docs_path: no %s", (character) => {
    expect(problemsOf({ docs_path: `/a${character}b` })).toEqual([
      { file: "a.md", field: "docs_path", message: expect.stringMatching(/Slack links/) },
    ]);
  });

  it("refuses a card file over 256 KiB", () => {
    const big = cardText(cardFields("a"), "x".repeat(256 * 1024));
    expect(problemsIn({ "a.md": big })).toEqual([
      { file: "a.md", message: expect.stringMatching(/256 KiB/) },
    ]);
  });

  it("refuses bytes that are not UTF-8", () => {
    const latin1 = Buffer.from(cardText(cardFields("a", { title: "Caf\u00e9" })), "latin1");
    expect(problemsIn({ "a.md": latin1 })).toEqual([
      { file: "a.md", message: expect.stringMatching(/UTF-8/) },
    ]);
  });

  it("refuses a card that is not a regular file", () => {
    const dir = cardsDir({ "a.md": cardText(cardFields("a")) });
    mkdirSync(path.join(dir, "b.md"));
    const problems = checkCatalog(dir).problems.map((p) => ({ ...p, file: path.basename(p.file) }));
    expect(problems).toEqual([{ file: "b.md", message: expect.stringMatching(/not a file/) }]);
  });
});
