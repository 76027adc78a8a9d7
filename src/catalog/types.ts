/** The typed scenario catalog: what the rest of the app trusts after loading. */
import type { Axes } from "./axes.js";

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
  /** Ids of the concepts whose terms count toward this card; every one exists in the catalog. */
  concepts: string[];
  /** Where the card sits on the two questions (what kind of app, who signs in); may be empty. */
  axes: Axes;
  /** When to pick this card over its nearest neighbour (one sentence), or undefined. */
  pickOver?: string | undefined;
  /** The Markdown body: the short guide, without its `## Sources` section (never indexed or shown). */
  body: string;
  /** The card's `## Sources` list (standards, docs pages, history), one entry per item; kept apart from the body. */
  sources: string[];
  /** The file the card came from (absolute path). */
  file: string;
}

/**
 * A named piece of domain knowledge: the words people use for one thing ("native-app": iOS,
 * Flutter, Electron…). A question that uses one of its terms counts toward every card that
 * refers to the concept, without the card having to list the term itself.
 */
export interface Concept {
  /** A slug, e.g. `native-app`. */
  id: string;
  /** One sentence on what the concept means. */
  about: string;
  /** Words and short phrases that name the concept. */
  terms: string[];
  /** Terms that also mean something else ("rn", "ad"): they never decide an answer alone. */
  ambiguous: string[];
  /**
   * Concepts that, named together in one question, name this one too: "both audiences" is
   * employees and business customers mentioned side by side. Empty for most concepts.
   */
  allOf: string[];
  /** The file the concept came from (absolute path). */
  file: string;
}

/** The answer policy's thresholds, from `policy.yml` (see src/catalog/policy.ts). */
export interface AnswerPolicy {
  decline: {
    minScore: number;
    offTopicSlope: number;
    namesOnlyMaxWords: number;
    askWeight: number;
  };
  confidence: { highScore: number; minEvidence: number };
  ranking: { unnamedCompoundShare: number; namedCompoundPartShare: number };
  closeCall: { margin: number };
  alsoApplies: { minShare: number };
  show: { alternatives: number };
  /** The file it came from (absolute path). */
  file: string;
}

/** One category of what the bot declines: the off-topic side of the domain gate. */
export interface DeclineCategory {
  /** A slug, e.g. `chit-chat`. */
  id: string;
  about: string;
  /** `chatter`: not about identity at all; `task`: identity, but no architecture choice. */
  kind: "chatter" | "task";
  messages: string[];
  /** The file the category came from (absolute path). */
  file: string;
}

/**
 * Gate material of the other side: questions that ARE about choosing an architecture, written
 * the way people post them (tasks, feature requests, long posts). It teaches the domain gate
 * only; it never counts toward any card's score.
 */
export interface OnTopicCategory {
  /** A slug, e.g. `real-registers`. */
  id: string;
  about: string;
  messages: string[];
  /** The file the category came from (absolute path). */
  file: string;
}

/** The policy a catalog is answered by: its thresholds and what its gate learns from. */
export interface PolicyData {
  readonly policy: AnswerPolicy;
  readonly decline: readonly DeclineCategory[];
  readonly onTopic: readonly OnTopicCategory[];
}

export interface Catalog extends PolicyData {
  /** Sorted by id, so that every consumer sees the same order. */
  readonly scenarios: readonly Scenario[];
  /** Sorted by id. */
  readonly concepts: readonly Concept[];
  get(id: string): Scenario | undefined;
}
