import type { Scenario } from "../../src/catalog/types.js";

/** A valid scenario; tests override what they need. */
export function makeScenario(id: string, overrides: Partial<Scenario> = {}): Scenario {
  return {
    id,
    title: `Title of ${id}`,
    summary: `When ${id} applies.`,
    docsPath: `/get-started/${id}`,
    status: "published",
    protocols: ["OAuth 2.0"],
    flows: ["authorization-code"],
    keywords: [id],
    examples: [`question about ${id}?`],
    related: [],
    concepts: [],
    axes: {},
    body: "Body.",
    sources: [],
    file: `/cards/${id}.md`,
    ...overrides,
  };
}
