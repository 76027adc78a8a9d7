import type { AnswerRecord } from "../store/types.js";
import { foldText } from "../text/plain.js";
import type { Answer } from "./answer.js";

/** Who asked, and on which surface: what an answer is recorded with. */
export type Asker = Pick<AnswerRecord, "surface" | "workspaceId" | "userId">;

/**
 * The record of an answer: the question folded (so that the report counts "Thanks!" and
 * "thanks!" as one), the scenario or no match, the best score and the alternatives' ids.
 */
export function answerRecord(answer: Answer, asker: Asker): AnswerRecord {
  const best = answer.match ?? answer.alternatives[0];
  return {
    id: answer.id,
    ...asker,
    question: foldText(answer.question.text),
    scenarioId: answer.match?.scenario.id ?? null,
    score: best?.score ?? 0,
    alternatives: answer.alternatives.map((a) => a.scenario.id),
  };
}
