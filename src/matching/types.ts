import type { Scenario } from "../catalog/types.js";

export interface ScoredScenario {
  scenario: Scenario;
  /** Similarity in [0, 1]. */
  score: number;
}

/**
 * What the recommender finds for a question, before any decision: the best cards with their
 * scores, the words behind the best one, and the gate's evidence. The answer policy
 * (src/policy/decide.ts) decides from this whether and how to answer.
 */
export interface Search {
  /** The plain text that was matched. */
  query: string;
  /** The best cards, best first, whatever the gate says (up to maxAlternatives + 1). */
  ranked: ScoredScenario[];
  /** Words and concepts behind the best card, as the user wrote them (the "why" line). */
  why: string[];
  /**
   * The domain gate's log odds that the question is not an architecture question (above 0
   * leans that way; 0 when the gate knows none of its words).
   */
  offTopicOdds: number;
  /**
   * How many words the question has when every one is a name the cards use for themselves or
   * their concepts ("spa", "m2m", "ios app for consumers"); 0 when any word is not.
   */
  nameWords: number;
}

/**
 * How sure an answer is: "high" when the best card clearly leads; "low" (a best guess) when its
 * evidence is thin or the runner-up is close.
 */
export type Confidence = "high" | "low";
