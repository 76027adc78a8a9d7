/** The typed scenario catalog: what the rest of the app trusts after loading. */

export const SCENARIO_STATUSES = ["published", "under-construction"] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/** OAuth 2.0 / OIDC grants a scenario can name. */
export const FLOWS = [
  "authorization-code",
  "authorization-code-pkce",
  "client-credentials",
  "implicit",
] as const;
export type Flow = (typeof FLOWS)[number];

export interface Scenario {
  /** The docs' URL slug, e.g. `mobile-api`. */
  id: string;
  title: string;
  /** One sentence. */
  summary: string;
  /** Path of the docs page under the docs base URL, starting with `/`. */
  docsPath: string;
  status: ScenarioStatus;
  protocols: string[];
  flows: Flow[];
  /** Extra guidance on the flow, e.g. current best practice vs. the docs. */
  flowNote?: string | undefined;
  keywords: string[];
  examples: string[];
  /** Ids of neighbouring scenarios; every one exists in the catalog. */
  related: string[];
  /** The Markdown body: the short guide. */
  body: string;
  /** The file the card came from (absolute path). */
  file: string;
}

export interface Catalog {
  /** Sorted by id, so that every consumer sees the same order. */
  readonly scenarios: readonly Scenario[];
  get(id: string): Scenario | undefined;
}
