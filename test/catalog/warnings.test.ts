import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { cardWarnings } from "../../src/catalog/warnings.js";
import { makeScenario } from "../helpers/scenarios.js";

const PICK = "Pick this over b when it fits better.";

describe("card warnings", () => {
  it("flag a deprecated flow named in shown text with no warning beside it", () => {
    const bare = makeScenario("a", { pickOver: PICK, summary: "Signs users in with ROPC." });
    expect(cardWarnings([bare]).map((w) => w.field)).toEqual(["summary"]);
    const warned = makeScenario("a", { pickOver: PICK, summary: "Avoid ROPC here." });
    expect(cardWarnings([warned])).toEqual([]);
  });

  it("take the flow note as the warning for a deprecated flow in the list", () => {
    const listed = makeScenario("a", { pickOver: PICK, flows: ["implicit"] });
    expect(cardWarnings([listed]).map((w) => w.field)).toEqual(["flows"]);
    const noted = makeScenario("a", {
      pickOver: PICK,
      flows: ["implicit"],
      flowNote: "The implicit grant is deprecated.",
    });
    expect(cardWarnings([noted])).toEqual([]);
  });

  it("flag a card with no pick-over line", () => {
    expect(cardWarnings([makeScenario("a")])).toEqual([
      expect.objectContaining({ file: "/cards/a.md", field: "pick_over" }),
    ]);
  });

  it("find nothing in the shipped cards", () => {
    expect(cardWarnings(loadCatalog(DEFAULT_SCENARIOS_DIR).scenarios)).toEqual([]);
  });
});
