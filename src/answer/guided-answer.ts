/**
 * The guided chooser's answer: the cards its choice of axes leads to (guidedCards), with an axis
 * left open filled from the optional description when the matcher reads one there.
 */
import { randomUUID } from "node:crypto";
import type { Axes } from "../catalog/axes.js";
import { decide } from "../policy/decide.js";
import { foldText } from "../text/plain.js";
import type { MatchedAnswer } from "./answer.js";
import { fillFromCandidates, guidedCards } from "./axes.js";
import type { Question } from "./question.js";
import type { Asker } from "./record.js";
import type { Services } from "./reply.js";

/** A guided answer: an Answer whose match leads and whose `guided` holds the axes chosen. */
export type GuidedAnswer = MatchedAnswer & { guided: Axes };

/**
 * The answer to a guided choice; null when nothing was chosen (or no card holds a chosen
 * value). A description fills an axis left open from the matcher's candidates, if it has a match.
 * Its cards are chosen, not scored: each scores 1, a certainty; it is sure, asks nothing, and
 * lists no alternatives. `choice` is what the person chose; an axis they left open is not in it.
 */
export function guidedAnswer(
  services: Pick<Services, "catalog" | "recommender">,
  choice: Axes,
  question: Question,
): GuidedAnswer | null {
  if (Object.values(choice).every((value) => value === undefined)) return null;
  let axes = choice;
  if (question.text.trim() !== "") {
    const { match, alternatives } = decide(
      services.recommender.search(question.text),
      services.catalog,
    );
    if (match !== null) axes = fillFromCandidates(choice, [match, ...alternatives]);
  }
  const cards = guidedCards(services.catalog, axes);
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
    confidence: 1,
    alternatives: guided.also ? [guided.also.scenario.id] : [],
  });
  recorder.recordFeedback(guided.id, {
    kind: "picked",
    scenarioId: guided.match.scenario.id,
    workspaceId: asker.workspaceId,
    userId: asker.userId,
  });
}
