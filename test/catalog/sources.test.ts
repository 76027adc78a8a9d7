import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog, splitSources } from "../../src/catalog/load.js";

describe("a card's Sources section", () => {
  it("is split off the body into its own list", () => {
    const split = splitSources(
      "## When it fits\n\nText.\n\n## Sources\n\n- RFC 9700\n* Auth0 docs: /x\n",
    );
    expect(split.body).toBe("## When it fits\n\nText.");
    expect(split.sources).toEqual(["RFC 9700", "Auth0 docs: /x"]);
  });

  it("keeps a section that follows it in the body", () => {
    const split = splitSources("## A\n\nx\n\n## Sources\n\n- s\n\n## B\n\ny");
    expect(split.body).toBe("## A\n\nx\n\n## B\n\ny");
    expect(split.sources).toEqual(["s"]);
  });

  it("leaves a body without one as it is", () => {
    expect(splitSources("## A\n\nx\n")).toEqual({ body: "## A\n\nx", sources: [] });
  });

  describe("in the shipped cards", () => {
    const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
    for (const s of catalog.scenarios) {
      it(`${s.id} has sources, and none of their text reaches the body (which the index reads)`, () => {
        expect(s.sources.length).toBeGreaterThan(0);
        expect(s.body).not.toMatch(/^## Sources/m);
        for (const source of s.sources) expect(s.body).not.toContain(source);
        for (const heading of [
          "## When it fits",
          "## How it works",
          "## How it differs from its neighbours",
        ])
          expect(s.body).toContain(heading);
      });
    }

    it("keep the seed's 'under construction' only as history, never as a current status", () => {
      for (const s of catalog.scenarios) expect(s.status).toBe("published");
      const history = catalog.scenarios.filter((s) =>
        s.sources.some((x) => /under construction/i.test(x)),
      );
      expect(history.map((s) => s.id).sort()).toEqual(["b2b", "b2b-b2e", "b2c", "b2e", "web-saml"]);
    });
  });
});
