import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { checkCatalog, loadCatalog } from "../../src/catalog/load.js";
import { cardFields, cardsDir, cardText } from "../helpers/cards.js";

/** A cards directory with one card (referring to `concepts`) and the given concept files. */
function withConcepts(files: Record<string, string | Buffer>, concepts: string[] = []): string {
  const dir = cardsDir({ "alpha.md": cardText(cardFields("alpha", { concepts })) });
  mkdirSync(path.join(dir, "concepts"));
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, "concepts", name), content);
  return dir;
}

const problems = (dir: string) =>
  checkCatalog(dir).problems.map((p) => `${path.basename(p.file)}: ${p.field ?? ""}: ${p.message}`);

describe("concept lexicons", () => {
  it("the shipped lexicons load, and every card refers to concepts that exist", () => {
    const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
    expect(catalog.concepts.length).toBeGreaterThanOrEqual(10);
    const terms = catalog.concepts.reduce((n, c) => n + c.terms.length + c.ambiguous.length, 0);
    expect(terms).toBeGreaterThan(500);
    for (const s of catalog.scenarios) expect(s.concepts.length, s.id).toBeGreaterThan(0);
  });

  it("loads terms, ambiguous terms and all_of", () => {
    const dir = withConcepts(
      {
        "a.yml": "tech:\n  about: Tech.\n  terms: [Svelte, SolidJS]\n  ambiguous: [lit]\n",
        "b.yaml":
          "staff:\n  about: Staff.\n  terms: [nurses]\nclients:\n  about: Clients.\n  terms: [dealers]\n" +
          "both:\n  about: Both.\n  all_of: [staff, clients]\n",
      },
      ["tech", "both"],
    );
    const catalog = loadCatalog(dir);
    expect(catalog.concepts.map((c) => c.id)).toEqual(["both", "clients", "staff", "tech"]);
    expect(catalog.concepts.find((c) => c.id === "tech")).toMatchObject({
      terms: ["Svelte", "SolidJS"],
      ambiguous: ["lit"],
      allOf: [],
    });
    expect(catalog.concepts.find((c) => c.id === "both")?.allOf).toEqual(["staff", "clients"]);
  });

  it.each([
    ["bad YAML", { "x.yml": "tech: [unclosed" }, [], /x\.yml: : cannot be read as UTF-8 YAML/],
    [
      "an unknown field",
      { "x.yml": "tech:\n  about: A.\n  terms: [a]\n  term: [b]\n" },
      [],
      /x\.yml: tech\.term: is not a known field/,
    ],
    [
      "no terms",
      { "x.yml": "tech:\n  about: A.\n  terms: []\n" },
      [],
      /x\.yml: tech\.terms: must list at least one term/,
    ],
    [
      "a bad id",
      { "x.yml": "Tech Stuff:\n  about: A.\n  terms: [a]\n" },
      [],
      /concept ids must be lowercase slugs/,
    ],
    [
      "a duplicate concept",
      {
        "x.yml": "tech:\n  about: A.\n  terms: [a]\n",
        "y.yml": "tech:\n  about: B.\n  terms: [b]\n",
      },
      [],
      /y\.yml: tech: is also defined in .*x\.yml/,
    ],
    [
      "all_of naming nothing",
      { "x.yml": "both:\n  about: A.\n  all_of: [staff, clients]\n" },
      [],
      /x\.yml: both\.all_of: "staff" is not another concept/,
    ],
    [
      "a card naming an unknown concept",
      { "x.yml": "tech:\n  about: A.\n  terms: [a]\n" },
      ["nope"],
      /alpha\.md: concepts: unknown concept id "nope"/,
    ],
    [
      "bytes that are not UTF-8",
      { "x.yml": Buffer.from([0x74, 0x3a, 0xff, 0xfe]) },
      [],
      /x\.yml: : cannot be read as UTF-8 YAML/,
    ],
    [
      "code in a YAML tag",
      { "x.yml": 'tech:\n  about: !!js/function "function () { return 1 }"\n  terms: [a]\n' },
      [],
      /x\.yml: : cannot be read as UTF-8 YAML/,
    ],
  ])("names the file and field for %s", (_what, files, concepts, expected) => {
    const found = problems(withConcepts(files as Record<string, string | Buffer>, concepts));
    expect(found.join("\n")).toMatch(expected);
  });
});
