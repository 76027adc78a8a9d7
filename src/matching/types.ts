import type { Scenario } from "../catalog/types.js";

export interface ScoredScenario {
  scenario: Scenario;
  /** Confidence in [0, 1]. */
  score: number;
}

export interface Recommendation {
  /** The question after Slack-text normalisation (what was matched). */
  query: string;
  /** The answer, or null when nothing fits well enough (no match). */
  match: ScoredScenario | null;
  /** Up to two runners-up, best first; without a match, the best candidates as suggestions. */
  alternatives: ScoredScenario[];
  /** Human-readable terms that supported the best candidate (the "why"). */
  matchedTerms: string[];
  /** True when the top two candidates are too close to tell apart. */
  ambiguous: boolean;
}
