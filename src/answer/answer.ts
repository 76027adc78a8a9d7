import { randomUUID } from "node:crypto";
import type { Axes } from "../catalog/axes.js";
import type { Catalog } from "../catalog/types.js";
import type { Recommender } from "../matching/recommender.js";
import type { Confidence, ScoredScenario } from "../matching/types.js";
import { type Decision, decide } from "../policy/decide.js";
import type { Question } from "./question.js";

/**
 * The answer to a question: made once, then shown, recorded and carried by buttons as it is. It
 * is the one value every surface renders (Slack's blocks, the command line, the playground) and
 * every button that rebuilds the message carries (src/slack/buttons.ts). Its fields beside the
 * id, the question and the guided choice are the answer policy's Decision (src/policy/decide.ts),
 * documented there. A guided answer is an Answer too, with the axes chosen (guided-answer).
 */
export interface Answer extends Omit<Decision, "query" | "onTopic"> {
  /** Made here, so that a reply's buttons and its record name the same answer. */
  id: string;
  /** What was asked. */
  question: Question;
  /** A guided answer: the axes chosen in the guided chooser (absent for a question's answer). */
  guided?: Axes | undefined;
}

/** An answer with a match: what an answer message shows and its buttons carry. */
export type MatchedAnswer = Answer & { match: ScoredScenario; confidence: Confidence };

export function hasMatch(answer: Answer): answer is MatchedAnswer {
  return answer.match !== null && answer.confidence !== null;
}

/** What answering a question needs: the recommender's search and the catalog's policy. */
export interface Answering {
  catalog: Catalog;
  recommender: Pick<Recommender, "search">;
}

/**
 * Answers a question's plain text: the recommender ranks and explains (search), once; the answer
 * policy (src/policy/decide.ts) decides.
 */
export function recommendAnswer(answering: Answering, question: Question): Answer {
  const search = answering.recommender.search(question.text);
  const { match, alternatives, why, confidence, ambiguous, also, clarify } = decide(
    search,
    answering.catalog,
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
