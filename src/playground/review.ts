/**
 * The playground's Report view: the review report `scenario-bot report` prints (the same
 * store, the same statements, either engine), its conversation section, `suggest`'s proposals,
 * and a day-by-day series of answers, no-matches and best guesses, for charts.
 */

import { recommendAnswer } from "../answer/answer.js";
import { buildConversationReport, type ConversationReport } from "../answer/conversation-report.js";
import { questionFromPlainText } from "../answer/question.js";
import type { Catalog } from "../catalog/types.js";
import { readRecords } from "../cli/records.js";
import type { RecordingSettings } from "../config/settings.js";
import type { Recommender } from "../matching/recommender.js";
import { answeredRows } from "../store/conversation.js";
import { answersSince, buildReport, type Report } from "../store/report.js";
import type { Sql } from "../store/sql.js";
import { type CardSuggestion, suggestCardChanges } from "../store/suggest.js";

export interface Day {
  /** YYYY-MM-DD, UTC. */
  day: string;
  answered: number;
  noMatch: number;
  /** Answers given as a best guess (low confidence), as today's matcher reads the question. */
  bestGuess: number;
}

export interface Review {
  since: string;
  report: Report;
  conversation: ConversationReport;
  suggestions: CardSuggestion[];
  days: Day[];
  /** Answers per scenario in the period (no match left out), most first. */
  byScenario: Array<{ scenarioId: string; count: number }>;
  titles: Record<string, string>;
}

/** The most answers the series reads (the latest); the report's own figures read them all. */
const SERIES_MAX_ROWS = 20_000;

async function days(
  sql: Sql,
  since: Date,
  services: { catalog: Catalog; recommender: Pick<Recommender, "search"> },
): Promise<Day[]> {
  const { where, params } = answersSince(since);
  const rows = await sql.all<{
    createdAt: number | string;
    question: string;
    scenarioId: string | null;
    surface: string;
  }>(
    `SELECT a.created_at AS "createdAt", a.question, a.scenario_id AS "scenarioId", a.surface
     FROM answers a WHERE ${where} ORDER BY a.created_at DESC LIMIT ${SERIES_MAX_ROWS}`,
    params,
  );
  const byDay = new Map<string, Day>();
  for (const row of rows) {
    const day = new Date(Number(row.createdAt)).toISOString().slice(0, 10);
    const entry = byDay.get(day) ?? { day, answered: 0, noMatch: 0, bestGuess: 0 };
    entry.answered += 1;
    if (row.scenarioId === null) entry.noMatch += 1;
    else if (row.surface !== "guide") {
      const answer = recommendAnswer(services, questionFromPlainText(row.question));
      if (answer.confidence === "low") entry.bestGuess += 1;
    }
    byDay.set(day, entry);
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

async function answersByScenario(sql: Sql, since: Date) {
  const { where, params } = answersSince(since);
  const rows = await sql.all<{ scenarioId: string; count: number | string }>(
    `SELECT a.scenario_id AS "scenarioId", COUNT(*) AS count FROM answers a
     WHERE ${where} AND a.scenario_id IS NOT NULL GROUP BY a.scenario_id`,
    params,
  );
  return rows
    .map((row) => ({ scenarioId: row.scenarioId, count: Number(row.count) }))
    .sort((a, b) => b.count - a.count || (a.scenarioId < b.scenarioId ? -1 : 1));
}

/** Everything the Report view draws, read in one snapshot of the records. */
export async function readReview(
  recording: RecordingSettings,
  catalog: Catalog,
  recommender: Pick<Recommender, "search">,
  since: Date,
): Promise<Review> {
  const scenarioIds = catalog.scenarios.map((s) => s.id);
  const read = await readRecords(recording, async (sql) => ({
    report: await buildReport(sql, { since, scenarioIds }),
    answered: await answeredRows(sql, since),
    suggestions: await suggestCardChanges(sql, catalog, { since }),
    days: await days(sql, since, { catalog, recommender }),
    byScenario: await answersByScenario(sql, since),
  }));
  return {
    since: since.toISOString(),
    report: read.report,
    conversation: buildConversationReport(read.answered, { catalog, recommender }),
    suggestions: read.suggestions,
    days: read.days,
    byScenario: read.byScenario,
    titles: Object.fromEntries(catalog.scenarios.map((s) => [s.id, s.title])),
  };
}
