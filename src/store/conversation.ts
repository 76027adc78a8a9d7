/**
 * What the conversation features left in the records, for the report: answers with their
 * question and the cards people picked on them. The feedback table has no column for how a
 * pick was made (a migration would collide with other work on the store), so a clarification
 * is a `picked` row like any other, and the report tells them apart (src/answer/conversation-report.ts).
 */
import { answersSince } from "./report.js";
import type { Sql } from "./sql.js";
import type { Surface } from "./surfaces.js";

export interface AnsweredRow {
  id: string;
  surface: Surface;
  /** The question as recorded (folded). */
  question: string;
  scenarioId: string;
  alternatives: string[];
  /** The cards picked on this answer, oldest first. */
  picked: string[];
}

/**
 * Every answer with a scenario since `since` (of one workspace, if named), with its picks. The
 * same statements on SQLite and PostgreSQL (sql.ts).
 */
export async function answeredRows(
  sql: Sql,
  since: Date,
  workspaceId?: string,
  until?: Date,
): Promise<AnsweredRow[]> {
  const { where, params } = answersSince(since, workspaceId, until);
  const rows = await sql.all<
    Omit<AnsweredRow, "alternatives" | "picked"> & { alternatives: string }
  >(
    `SELECT a.id, a.surface, a.question, a.scenario_id AS "scenarioId", a.alternatives
     FROM answers a WHERE ${where} AND a.scenario_id IS NOT NULL
     ORDER BY a.created_at, a.id COLLATE BINARY`,
    params,
  );
  const picks = await sql.all<{ answerId: string; scenarioId: string }>(
    `SELECT f.answer_id AS "answerId", f.scenario_id AS "scenarioId"
     FROM feedback f JOIN answers a ON a.id = f.answer_id
     WHERE ${where} AND f.kind = 'picked' AND f.scenario_id IS NOT NULL
     ORDER BY f.id`,
    params,
  );
  const pickedBy = new Map<string, string[]>();
  for (const { answerId, scenarioId } of picks) {
    pickedBy.set(answerId, [...(pickedBy.get(answerId) ?? []), scenarioId]);
  }
  return rows.map((row) => ({
    ...row,
    alternatives: parseIds(row.alternatives),
    picked: pickedBy.get(row.id) ?? [],
  }));
}

function parseIds(json: string): string[] {
  try {
    const ids = JSON.parse(json) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
  } catch {
    return [];
  }
}
