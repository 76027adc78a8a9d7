/**
 * What the conversation features left in the records, for the report: answers with their
 * question and the cards people picked on them. The feedback table has no column for how a
 * pick was made (a migration would collide with other work on the store), so a clarification
 * is a `picked` row like any other, and the report tells them apart (src/answer/conversation-report.ts).
 */
import type { Db } from "./database.js";
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

/** Every answer with a scenario since `since`, with its picks. */
export function answeredRows(db: Db, since: Date): AnsweredRow[] {
  const from = since.getTime();
  const rows = db
    .prepare(
      `SELECT id, surface, question, scenario_id AS scenarioId, alternatives FROM answers
       WHERE created_at >= ? AND scenario_id IS NOT NULL ORDER BY created_at, id`,
    )
    .all(from) as Array<Omit<AnsweredRow, "alternatives" | "picked"> & { alternatives: string }>;
  const picks = db
    .prepare(
      `SELECT f.answer_id AS answerId, f.scenario_id AS scenarioId
       FROM feedback f JOIN answers a ON a.id = f.answer_id
       WHERE a.created_at >= ? AND f.kind = 'picked' AND f.scenario_id IS NOT NULL
       ORDER BY f.id`,
    )
    .all(from) as Array<{ answerId: string; scenarioId: string }>;
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
