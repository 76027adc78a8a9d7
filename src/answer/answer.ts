import { randomUUID } from "node:crypto";
import type { ClarifyingQuestion } from "../catalog/axes.js";
import type { Recommender } from "../matching/recommender.js";
import type { Confidence, ScoredScenario } from "../matching/types.js";
import type { Question } from "./question.js";

/** The answer to a question: made once, then shown, recorded and carried by buttons as it is. */
export interface Answer {
  /** Made here, so that a reply's buttons and its record name the same answer. */
  id: string;
  /** What was asked. */
  question: Question;
  /** The scenario that fits; null when none does. */
  match: ScoredScenario | null;
  /** Runners-up, best first; without a match, the closest scenarios. */
  alternatives: ScoredScenario[];
  /** The question's words behind the match, as the user wrote them (the "why" line). */
  why: string[];
  /** Null exactly when `match` is null. */
  confidence: Confidence | null;
  /** The best two were too close to tell apart. */
  ambiguous: boolean;
  /**
   * A runner-up on the other axis that fits too (an app card beside an audience card): the
   * question speaks to both; null otherwise (see alsoApplies in src/policy/decide.ts).
   */
  also: ScoredScenario | null;
  /**
   * The one question that would settle a best guess (who signs in, or what kind of app), with
   * an option per card; null for a sure answer (see src/policy/decide.ts).
   */
  clarify: ClarifyingQuestion | null;
}

/**
 * Runs the recommender, once, on the question's plain text: it ranks, and the answer policy
 * (src/policy/decide.ts) decides.
 */
export function recommendAnswer(
  recommender: Pick<Recommender, "recommend">,
  question: Question,
): Answer {
  const { match, alternatives, why, confidence, ambiguous, also, clarify } = recommender.recommend(
    question.text,
  );
  return {
    id: randomUUID(),
    question,
    match,
    alternatives,
    why,
    confidence,
    ambiguous,
    also,
    clarify,
  };
}
