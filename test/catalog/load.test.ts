import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { CatalogError, checkCatalog, loadCatalog } from "../../src/catalog/load.js";
import { cardFields, cardsDir, cardText } from "../helpers/cards.js";

const SCENARIO_IDS = [
  "b2b",
  "b2b-b2e",
  "b2c",
  "b2e",
  "mobile-api",
  "server-api",
  "spa-api",
  "web-app-sso",
  "web-saml",
];

/** Loads a directory holding one card with `overrides`, and returns the problems. */
function problemsOf(overrides: Record<string, unknown>) {
  const dir = cardsDir({ "a.md": cardText(cardFields("a", overrides)) });
  return checkCatalog(dir).problems.map((p) => ({ ...p, file: path.basename(p.file) }));
}

describe("the shipped catalog", () => {
  const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);

  it("has the nine scenarios, sorted by id", () => {
    expect(catalog.scenarios.map((s) => s.id)).toEqual(SCENARIO_IDS);
  });

  it("marks no scenario under construction: today's docs pages are finished guides", () => {
    const building = catalog.scenarios.filter((s) => s.status === "under-construction");
    expect(building.map((s) => s.id)).toEqual([]);
  });

  it("links no card to the seed's old /architecture-scenarios/ paths (no page, no redirect today)", () => {
    for (const s of catalog.scenarios)
      expect(s.docsPath).toMatch(/^\/(get-started|authenticate)\//);
  });

  it("offers the SPA only PKCE, and says the implicit grant is not to be used", () => {
    const spa = catalog.get("spa-api");
    expect(spa?.flows).toEqual(["authorization-code-pkce"]);
    expect(spa?.flowNote).toMatch(/PKCE/);
    expect(spa?.flowNote).toMatch(/Do not use the implicit grant/);
  });

  it("has a body that contrasts each card with a neighbour", () => {
    for (const s of catalog.scenarios) expect(s.body).toMatch(/differs/i);
  });

  it("places every card on one axis: five kinds of app, four audiences", () => {
    expect(Object.fromEntries(catalog.scenarios.map((s) => [s.id, s.axes]))).toEqual({
      b2b: { audience: "business" },
      "b2b-b2e": { audience: "both" },
      b2c: { audience: "public" },
      b2e: { audience: "employees" },
      "mobile-api": { app: "native" },
      "server-api": { app: "service" },
      "spa-api": { app: "spa" },
      "web-app-sso": { app: "web" },
      "web-saml": { app: "saml" },
    });
  });
});

describe("front matter validation, field by field", () => {
  it.each([
    ["id", { id: "Not A Slug" }, /slug/],
    ["title", { title: "" }, /empty/],
    ["summary", { summary: "One. Two sentences here." }, /one sentence/],
    ["docs_path", { docs_path: "https://auth0.com/docs/x" }, /starting with \//],
    ["status", { status: "draft" }, /published|under-construction/],
    ["protocols", { protocols: [] }, /at least one/],
    ["flows.0", { flows: ["password"] }, /authorization-code/],
    ["keywords", { keywords: "one string" }, /array/],
    ["examples", { examples: [] }, /at least one/],
    ["related.0", { related: ["Bad Id"] }, /slug/],
    ["axes.app", { axes: { app: "desktop" } }, /must be one of web, saml, spa, native, service/],
    ["axes.audience", { axes: { audience: "b2b" } }, /employees, business, both, public/],
    ["axes", { axes: "spa" }, /object/],
  ])("%s", (field, overrides, message) => {
    const problems = problemsOf(overrides);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "a.md", field });
    expect(problems[0]?.message).toMatch(message);
  });

  it("reports a missing field", () => {
    expect(problemsOf({ title: undefined })).toMatchObject([{ file: "a.md", field: "title" }]);
  });

  it("rejects unknown keys by name", () => {
    expect(problemsOf({ keyword: ["x"] })).toMatchObject([
      { file: "a.md", field: "keyword", message: "is not a known field" },
    ]);
  });

  it("rejects an unknown axis by name", () => {
    expect(problemsOf({ axes: { platform: "ios" } })).toMatchObject([
      { file: "a.md", field: "axes.platform", message: "is not a known field" },
    ]);
  });

  it("takes one axis, both, or none", () => {
    for (const axes of [
      { app: "spa" },
      { audience: "public" },
      { app: "native", audience: "employees" },
      {},
    ]) {
      expect(problemsOf({ axes })).toEqual([]);
    }
  });

  it("reports every bad field of a card at once", () => {
    const fields = problemsOf({ status: "x", flows: ["y"], docs_path: "z" }).map((p) => p.field);
    expect(fields.sort()).toEqual(["docs_path", "flows.0", "status"]);
  });
});

describe("loadCatalog", () => {
  it("loads a valid directory", () => {
    const dir = cardsDir({
      "b.md": cardText(cardFields("b", { related: ["a"] }), "## When it fits\nB things."),
      "a.md": cardText(cardFields("a")),
      "README.txt": "not a card",
    });
    const catalog = loadCatalog(dir);
    expect(catalog.scenarios.map((s) => s.id)).toEqual(["a", "b"]);
    expect(catalog.get("b")).toMatchObject({ docsPath: "/get-started/b", related: ["a"] });
    expect(catalog.get("b")?.body).toBe("## When it fits\nB things.");
  });

  it("names the file of a duplicate id", () => {
    const dir = cardsDir({ "a.md": cardText(cardFields("a")), "a2.md": cardText(cardFields("a")) });
    expect(() => loadCatalog(dir)).toThrowError(/a2\.md: id: "a" is also used by .*a\.md/);
  });

  it("names both files when two cards claim the same axes", () => {
    const dir = cardsDir({
      "a.md": cardText(cardFields("a", { axes: { app: "spa", audience: "business" } })),
      "b.md": cardText(cardFields("b", { axes: { audience: "business", app: "spa" } })),
      "c.md": cardText(cardFields("c", { axes: { app: "spa" } })),
    });
    const problems = checkCatalog(dir).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: path.join(dir, "b.md"), field: "axes" });
    expect(problems[0]?.message).toBe(
      `{ app: spa, audience: business } is also claimed by ${path.join(dir, "a.md")} (a)`,
    );
  });

  it("names an unknown related id", () => {
    const dir = cardsDir({ "a.md": cardText(cardFields("a", { related: ["nope"] })) });
    expect(() => loadCatalog(dir)).toThrowError(/a\.md: related: unknown scenario id "nope"/);
  });

  it("reports a broken card once, at its file and field, not again where others relate to it", () => {
    const dir = cardsDir({
      "a.md": cardText(cardFields("a", { summary: "" })),
      "b.md": cardText(cardFields("b", { related: ["a"] })),
      "c.md": cardText(cardFields("c", { related: ["a", "nope"] })),
      // Unreadable front matter: the file name still says which id it is.
      "d.md": "---\nid: [\n---\nBody.\n",
      "e.md": cardText(cardFields("e", { related: ["d"] })),
    });
    const { problems } = checkCatalog(dir);
    expect(problems.map((p) => [path.basename(p.file), p.field, p.message])).toEqual([
      ["a.md", "summary", "must not be empty"],
      ["d.md", undefined, expect.any(String)],
      ["c.md", "related", 'unknown scenario id "nope"'],
    ]);
  });

  it("rejects a card that relates to itself", () => {
    const dir = cardsDir({ "a.md": cardText(cardFields("a", { related: ["a"] })) });
    expect(() => loadCatalog(dir)).toThrowError(/a\.md: related: lists the card itself/);
  });

  it("rejects an empty directory", () => {
    expect(() => loadCatalog(cardsDir({}))).toThrowError(/has no scenario cards/);
  });

  it("rejects a missing directory", () => {
    expect(() => loadCatalog("/nonexistent/scenarios")).toThrowError(
      /\/nonexistent\/scenarios: does not exist/,
    );
  });

  it("names a file with broken YAML or no front matter", () => {
    const dir = cardsDir({
      "bad.md": "---\nid: [unclosed\n---\nbody",
      "plain.md": "# just markdown",
    });
    const error = (() => {
      try {
        loadCatalog(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CatalogError);
    const problems = (error as CatalogError).problems.map((p) => [
      path.basename(p.file),
      p.message,
    ]);
    expect(problems).toEqual([
      ["bad.md", expect.stringMatching(/cannot read front matter/)],
      ["plain.md", expect.stringMatching(/no YAML front matter/)],
    ]);
  });
});
