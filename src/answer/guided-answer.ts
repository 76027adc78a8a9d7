/**
 * The guided chooser's answer, an Answer too: the cards its choice of axes leads to (guidedCards),
 * with an axis left open filled from the optional description when the matcher reads one there.
 */
import { randomUUID } from "node:crypto";
import type { Axes } from "../catalog/axes.js";
import type { Catalog } from "../catalog/types.js";
import { foldText } from "../text/plain.js";
import { type Answering, type MatchedAnswer, recommendAnswer } from "./answer.js";
import { fillFromCandidates, guidedCards } from "./axes.js";
import type { Question } from "./question.js";
import type { Asker } from "./record.js";
import type { Services } from "./reply.js";

/** A guided answer: an Answer whose match leads and whose `guided` holds the axes chosen. */
export type GuidedAnswer = MatchedAnswer & { guided: Axes };

/**
 * The answer to a guided choice; null when nothing was chosen (or no card holds a chosen
 * value). A description fills an axis left open from the answer it gets (recommendAnswer), if
 * it has a match. `choice` is what the person chose; an axis they left open is not in it.
 */
export function guidedAnswer(
  services: Answering,
  choice: Axes,
  question: Question,
): GuidedAnswer | null {
  if (Object.values(choice).every((value) => value === undefined)) return null;
  let axes = choice;
  if (question.text.trim() !== "") {
    const { match, alternatives } = recommendAnswer(services, question);
    if (match !== null) axes = fillFromCandidates(choice, [match, ...alternatives]);
  }
  return chosenAnswer(services.catalog, choice, question, axes);
}

/**
 * The answer the cards at `axes` give to a choice (guidedCards); null when no card holds a value
 * of it. Its cards are chosen, not scored: each scores 1, a certainty; it is sure, asks nothing,
 * and lists no alternatives. `axes`: the choice, perhaps filled from a description.
 */
export function chosenAnswer(
  catalog: Catalog,
  choice: Axes,
  question: Question,
  axes: Axes = choice,
): GuidedAnswer | null {
  const cards = guidedCards(catalog, axes);
  return (
    cards && {
      id: randomUUID(),
      question,
      match: { scenario: cards.lead, score: 1 },
      alternatives: [],
      why: [],
      confidence: "high",
      ambiguous: false,
      also: cards.also && { scenario: cards.also, score: 1 },
      clarify: null,
      guided: choice,
    }
  );
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
    scenarioId: guided.match.scenario.id,
    // Chosen, not scored: the record's best score is a certainty.
    score: 1,
    alternatives: guided.also ? [guided.also.scenario.id] : [],
  });
  recorder.recordFeedback(guided.id, {
    kind: "picked",
    scenarioId: guided.match.scenario.id,
    workspaceId: asker.workspaceId,
    userId: asker.userId,
  });
}
