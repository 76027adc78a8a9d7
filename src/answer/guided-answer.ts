/**
 * The guided chooser's answer: the cards its choice of axes leads to (guidedCards), with an axis
 * left open filled from the optional description when the matcher reads one there.
 */
import { randomUUID } from "node:crypto";
import type { Axes } from "../catalog/axes.js";
import type { Scenario } from "../catalog/types.js";
import { foldText } from "../text/plain.js";
import { fillFromCandidates, guidedCards } from "./axes.js";
import type { Question } from "./question.js";
import type { Asker } from "./record.js";
import type { Services } from "./reply.js";

export interface GuidedAnswer {
  /** Made here, so that the message's buttons and the record name the same answer. */
  id: string;
  /** The optional description (empty text when there was none). */
  question: Question;
  /** What the person chose; an axis they left open is not in it. */
  choice: Axes;
  /** The card that leads: the app card when both axes are known. */
  lead: Scenario;
  /** The audience card beside an app card, or null. */
  also: Scenario | null;
}

/**
 * The answer to a guided choice; null when nothing was chosen (or no card holds a chosen
 * value). A description fills an axis left open from the matcher's candidates, if it has a match.
 */
export function guidedAnswer(
  services: Pick<Services, "catalog" | "recommender">,
  choice: Axes,
  question: Question,
): GuidedAnswer | null {
  if (Object.values(choice).every((value) => value === undefined)) return null;
  let axes = choice;
  if (question.text.trim() !== "") {
    const { match, alternatives } = services.recommender.recommend(question.text);
    if (match !== null) axes = fillFromCandidates(choice, [match, ...alternatives]);
  }
  const cards = guidedCards(services.catalog, axes);
  return cards && { id: randomUUID(), question, choice, ...cards };
}

/**
 * Records a guided answer as an answer on its surface (`guide`) and as the person's pick of the
 * leading card, so that the report counts it and `suggest` can learn from its description.
 */
export function recordGuided(
  services: Pick<Services, "recorder">,
  guided: GuidedAnswer,
  asker: Asker,
): void {
  const { recorder } = services;
  recorder.recordAnswer({
    id: guided.id,
    ...asker,
    question: foldText(guided.question.text),
    scenarioId: guided.lead.id,
    // Chosen, not scored: the record's best score is a certainty.
    confidence: 1,
    alternatives: guided.also ? [guided.also.id] : [],
  });
  recorder.recordFeedback(guided.id, {
    kind: "picked",
    scenarioId: guided.lead.id,
    workspaceId: asker.workspaceId,
    userId: asker.userId,
  });
}
