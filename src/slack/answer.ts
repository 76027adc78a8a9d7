/** What the bot says: plain functions the listeners call, with no Slack I/O. */
import type { Catalog, Scenario } from "../catalog/types.js";
import type { Recommender } from "../matching/recommender.js";
import { type AnswerRecord, answerRecord, type Recorder } from "../store/types.js";
import {
  type Card,
  greetingMessage,
  helpMessage,
  listMessage,
  noMatchMessage,
  type SlackMessage,
  type Surface,
  scenarioCard,
} from "./blocks.js";
import type { ButtonValue } from "./buttons.js";
import { classify } from "./intent.js";

export interface Advisor {
  catalog: Catalog;
  recommender: Pick<Recommender, "recommend">;
  docsBaseUrl: string;
  /** Where questions, answers and feedback are recorded. */
  recorder: Recorder;
  /** Who may see `/scenario stats`. */
  adminUserIds: readonly string[];
}

/** Who asked, and where: what an answer is recorded with. */
export type Asker = Pick<AnswerRecord, "surface" | "workspaceId" | "userId">;

/** What to send, and the answer to record once it is sent (none for help, list or hello). */
export interface Reply {
  message: SlackMessage;
  record?: AnswerRecord;
}

/**
 * The reply to a question (raw Slack text) on a surface: help, list, hello, card or no match.
 * The card's buttons carry the record's id, so feedback can name the answer.
 */
export function answer(advisor: Advisor, question: string, surface: Surface, asker: Asker): Reply {
  const { catalog, docsBaseUrl } = advisor;
  switch (classify(question)) {
    case "help":
      return { message: helpMessage(catalog) };
    case "list":
      return { message: listMessage(catalog, docsBaseUrl) };
    case "greeting":
      return { message: greetingMessage(catalog) };
    case "ask":
      break;
  }
  const rec = advisor.recommender.recommend(question);
  const record = answerRecord(rec, asker);
  const alternatives = rec.alternatives.map((alt) => alt.scenario);
  if (rec.match === null) {
    return { message: noMatchMessage(question, alternatives, catalog, docsBaseUrl), record };
  }
  const card: Card = {
    answerId: record.id,
    scenario: rec.match.scenario,
    question,
    matchedTerms: rec.why,
    alternatives,
    ambiguous: rec.ambiguous,
    picked: false,
  };
  return { message: scenarioCard(card, surface, docsBaseUrl), record };
}

/** Records a reply's answer. Called after the reply is sent, so that Slack never waits on it. */
export function recordReply(advisor: Advisor, reply: Reply): void {
  if (reply.record) advisor.recorder.recordAnswer(reply.record);
}

/**
 * Rebuilds the card a button refers to. Matching is deterministic, so asking again gives the
 * same candidates: the match keeps its "why"; a picked alternative swaps places with the match.
 * Null when the scenario has left the catalog since the card was sent.
 */
export function cardFor(
  advisor: Advisor,
  { scenarioId, question, answerId }: ButtonValue,
): Card | null {
  const scenario = advisor.catalog.get(scenarioId);
  if (scenario === undefined) return null;
  const rec = advisor.recommender.recommend(question);
  const candidates: Scenario[] = [rec.match, ...rec.alternatives].flatMap((c) =>
    c === null ? [] : [c.scenario],
  );
  const isMatch = rec.match?.scenario.id === scenarioId;
  return {
    scenario,
    question,
    matchedTerms: isMatch ? rec.why : [],
    alternatives: candidates.filter((c) => c.id !== scenarioId),
    ambiguous: isMatch && rec.ambiguous,
    picked: !isMatch,
    answerId,
  };
}
