import type { Scenario } from "../catalog/types.js";

export interface ScoredScenario {
  scenario: Scenario;
  /** Similarity in [0, 1]. */
  score: number;
}

/**
 * How sure an answer is: "high" when the best card clearly leads; "low" (a best guess) when its
 * evidence is thin or the runner-up is close.
 */
export type Confidence = "high" | "low";

export interface Recommendation {
  /** The plain text that was matched. */
  query: string;
  /** The best card; null only when the question is off-topic or too vague to answer. */
  match: ScoredScenario | null;
  /** Up to two runners-up, best first; without a match, the closest cards as suggestions. */
  alternatives: ScoredScenario[];
  /** Words and concepts behind the best candidate, as the user wrote them (the "why" line). */
  why: string[];
  /** Null exactly when `match` is null. */
  confidence: Confidence | null;
  /** True when the top two candidates are too close to tell apart. */
  ambiguous: boolean;
}
