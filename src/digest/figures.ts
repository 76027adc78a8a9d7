/**
 * The weekly digest's figures, from the review report's code: a week of one workspace's
 * records, the week before for comparison, and what `suggest` proposes from that week.
 */
import { recommendAnswer } from "../answer/answer.js";
import { questionFromPlainText } from "../answer/question.js";
import type { Services } from "../answer/reply.js";
import { answeredRows } from "../store/conversation.js";
import { buildReport } from "../store/report.js";
import type { Sql } from "../store/sql.js";
import { type CardSuggestion, suggestCardChanges } from "../store/suggest.js";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** How many unanswered questions the digest lists. */
const UNANSWERED_SHOWN = 5;

export interface WeekFigures {
  answered: number;
  /** Answers with no match. */
  unanswered: number;
  /** Answers given as a best guess (low confidence), as today's matcher gives them again. */
  bestGuess: number;
  /** Per scenario answered: answers, and Helpful / Not quite on them; most answers first. */
  byScenario: Array<{
    scenarioId: string;
    answers: number;
    helpful: number;
    notQuite: number;
    rate: number | null;
  }>;
  /** The most frequent questions with no match (question text, as recorded). */
  unansweredQuestions: Array<{ question: string; count: number }>;
}

export interface DigestFigures {
  workspaceId: string;
  /** The week: [since, until). */
  since: Date;
  until: Date;
  week: WeekFigures;
  before: WeekFigures;
  suggestions: CardSuggestion[];
}

async function weekFigures(
  sql: Sql,
  services: Pick<Services, "catalog" | "recommender">,
  workspaceId: string,
  since: Date,
  until: Date,
): Promise<WeekFigures> {
  const scenarioIds = services.catalog.scenarios.map((s) => s.id);
  const report = await buildReport(sql, {
    since,
    until,
    scenarioIds,
    workspaceId,
    limit: UNANSWERED_SHOWN,
  });
  const rows = await answeredRows(sql, since, workspaceId, until);
  const answers = new Map<string, number>();
  let bestGuess = 0;
  for (const row of rows) {
    answers.set(row.scenarioId, (answers.get(row.scenarioId) ?? 0) + 1);
    if (row.surface === "guide") continue;
    const again = recommendAnswer(services, questionFromPlainText(row.question));
    if (again.confidence === "low") bestGuess += 1;
  }
  const rates = new Map(report.helpful.byScenario.map((s) => [s.scenarioId, s]));
  const byScenario = [...answers]
    .map(([scenarioId, count]) => {
      const rate = rates.get(scenarioId);
      return {
        scenarioId,
        answers: count,
        helpful: rate?.helpful ?? 0,
        notQuite: rate?.notQuite ?? 0,
        rate: rate?.rate ?? null,
      };
    })
    .sort((a, b) => b.answers - a.answers || a.scenarioId.localeCompare(b.scenarioId));
  return {
    answered: report.answered,
    unanswered: report.noMatch,
    bestGuess,
    byScenario,
    unansweredQuestions: report.unanswered,
  };
}

/** The digest of the week that ends at `due` (the scheduled time), for one workspace. */
export async function digestFigures(
  sql: Sql,
  services: Pick<Services, "catalog" | "recommender">,
  workspaceId: string,
  due: number,
): Promise<DigestFigures> {
  const until = new Date(due);
  const since = new Date(due - WEEK_MS);
  const week = await weekFigures(sql, services, workspaceId, since, until);
  const before = await weekFigures(sql, services, workspaceId, new Date(due - 2 * WEEK_MS), since);
  const suggestions = await suggestCardChanges(sql, services.catalog, {
    since,
    until,
    workspaceId,
  });
  return { workspaceId, since, until, week, before, suggestions };
}
