import { bundledPolicy } from "./bundled-policy.js";
import type {
  AnswerPolicy,
  Catalog,
  Concept,
  DeclineCategory,
  OnTopicCategory,
  PolicyData,
  Scenario,
} from "./types.js";

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

class ScenarioCatalog implements Catalog {
  readonly scenarios: readonly Scenario[];
  readonly concepts: readonly Concept[];
  readonly policy: AnswerPolicy;
  readonly decline: readonly DeclineCategory[];
  readonly onTopic: readonly OnTopicCategory[];
  readonly #byId: Map<string, Scenario>;

  constructor(scenarios: readonly Scenario[], concepts: readonly Concept[], policy: PolicyData) {
    this.scenarios = [...scenarios].sort(byId);
    this.concepts = [...concepts].sort(byId);
    this.policy = policy.policy;
    this.decline = policy.decline;
    this.onTopic = policy.onTopic;
    this.#byId = new Map(scenarios.map((s) => [s.id, s]));
  }

  get(id: string): Scenario | undefined {
    return this.#byId.get(id);
  }
}

/**
 * Builds a catalog from already-valid parts (the loader, the snapshot, tests and synthetic
 * benchmark catalogs). Without a policy, the bundled policy.yml and decline/ apply.
 */
export function createCatalog(
  scenarios: readonly Scenario[],
  concepts: readonly Concept[] = [],
  policy: PolicyData = bundledPolicy(),
): Catalog {
  return new ScenarioCatalog(scenarios, concepts, policy);
}
