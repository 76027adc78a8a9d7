import type { Catalog, Concept, Scenario } from "./types.js";

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

class ScenarioCatalog implements Catalog {
  readonly scenarios: readonly Scenario[];
  readonly concepts: readonly Concept[];
  readonly #byId: Map<string, Scenario>;

  constructor(scenarios: readonly Scenario[], concepts: readonly Concept[]) {
    this.scenarios = [...scenarios].sort(byId);
    this.concepts = [...concepts].sort(byId);
    this.#byId = new Map(scenarios.map((s) => [s.id, s]));
  }

  get(id: string): Scenario | undefined {
    return this.#byId.get(id);
  }
}

/** Builds a catalog from already-valid scenarios (tests and synthetic benchmark catalogs). */
export function createCatalog(
  scenarios: readonly Scenario[],
  concepts: readonly Concept[] = [],
): Catalog {
  return new ScenarioCatalog(scenarios, concepts);
}
