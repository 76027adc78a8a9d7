import type { Sql } from "./sql.js";
import { SURFACES, type Surface } from "./surfaces.js";

export interface HelpfulRate {
  helpful: number;
  notQuite: number;
  /** helpful / (helpful + notQuite), or null without any such feedback. */
  rate: number | null;
}

export interface Report {
  since: string;
  /** The workspace the report is limited to, if it is. */
  workspaceId?: string;
  answered: number;
  bySurface: Record<Surface, number>;
  noMatch: number;
  helpful: HelpfulRate & { byScenario: Array<{ scenarioId: string } & HelpfulRate> };
  /** Questions that got no match, most frequent first. */
  unanswered: Array<{ question: string; count: number }>;
  /** Answers marked "Not quite", per scenario, with what people picked instead. */
  notQuite: Array<{
    scenarioId: string;
    count: number;
    pickedInstead: Array<{ scenarioId: string; count: number }>;
    noneOfThese: number;
  }>;
  /** Catalog scenarios never given as an answer nor picked in the period. */
  neverChosen: string[];
}

export interface ReportOptions {
  since: Date;
  /** Every scenario id in the catalog, for "never chosen". */
  scenarioIds: readonly string[];
  /** How many unanswered questions to list. */
  limit?: number;
  /** Only this workspace's answers (a Slack team id); every workspace's when undefined. */
  workspaceId?: string;
  /** Only answers recorded before this (the weekly digest's week); up to now when undefined. */
  until?: Date;
}

function rate(helpful: number, notQuite: number): HelpfulRate {
  return {
    helpful,
    notQuite,
    rate: helpful + notQuite === 0 ? null : helpful / (helpful + notQuite),
  };
}

/**
 * Which answers a report or a suggestion reads: `a.created_at >= ?`, and the workspace's only
 * when one is named. `params` go with the condition, in order.
 */
export function answersSince(since: Date, workspaceId?: string, until?: Date) {
  const from = since.getTime();
  const where = ["a.created_at >= ?"];
  const params: Array<number | string> = [from];
  if (until !== undefined) {
    where.push("a.created_at < ?");
    params.push(until.getTime());
  }
  if (workspaceId !== undefined) {
    where.push("a.workspace_id = ?");
    params.push(workspaceId);
  }
  return { where: where.join(" AND "), params };
}

/**
 * The review report over answers recorded since a date, with the feedback on those answers.
 * Feedback counts once per answer, however often it was clicked. The same statements on SQLite
 * and PostgreSQL (sql.ts), so the same history gives the same report on either.
 */
export async function buildReport(
  sql: Sql,
  { since, scenarioIds, limit = 10, workspaceId, until }: ReportOptions,
): Promise<Report> {
  const { where, params } = answersSince(since, workspaceId, until);
  const bySurface = Object.fromEntries(SURFACES.map((s) => [s, 0])) as Record<Surface, number>;
  const surfaceRows = await sql.all<{ surface: Surface; n: number }>(
    `SELECT a.surface, COUNT(*) AS n FROM answers a WHERE ${where} GROUP BY a.surface`,
    params,
  );
  for (const { surface, n } of surfaceRows) bySurface[surface] = n;

  const [noMatchRow] = await sql.all<{ n: number }>(
    `SELECT COUNT(*) AS n FROM answers a WHERE ${where} AND a.scenario_id IS NULL`,
    params,
  );

  const helpfulRows = await sql.all<{ scenarioId: string; helpful: number; notQuite: number }>(
    `SELECT a.scenario_id AS "scenarioId",
            COUNT(DISTINCT CASE WHEN f.kind = 'helpful' THEN a.id END) AS helpful,
            COUNT(DISTINCT CASE WHEN f.kind = 'not_quite' THEN a.id END) AS "notQuite"
     FROM answers a JOIN feedback f ON f.answer_id = a.id
     WHERE ${where} AND a.scenario_id IS NOT NULL AND f.kind IN ('helpful', 'not_quite')
     GROUP BY a.scenario_id ORDER BY a.scenario_id COLLATE BINARY`,
    params,
  );
  const total = helpfulRows.reduce(
    (sum, row) => ({ helpful: sum.helpful + row.helpful, notQuite: sum.notQuite + row.notQuite }),
    { helpful: 0, notQuite: 0 },
  );

  const unanswered = await sql.all<Report["unanswered"][number]>(
    `SELECT a.question, COUNT(*) AS count FROM answers a
     WHERE ${where} AND a.scenario_id IS NULL AND a.question <> ''
     GROUP BY a.question ORDER BY count DESC, a.question COLLATE BINARY LIMIT ?`,
    [...params, limit],
  );

  const notQuiteRows = await sql.all<{ scenarioId: string; count: number }>(
    `SELECT a.scenario_id AS "scenarioId", COUNT(DISTINCT a.id) AS count
     FROM answers a JOIN feedback f ON f.answer_id = a.id
     WHERE ${where} AND f.kind = 'not_quite' AND a.scenario_id IS NOT NULL
     GROUP BY a.scenario_id ORDER BY count DESC, a.scenario_id COLLATE BINARY`,
    params,
  );
  const notQuite: Report["notQuite"] = [];
  for (const { scenarioId, count } of notQuiteRows) {
    const rows = await sql.all<{ kind: string; scenarioId: string | null; count: number }>(
      `SELECT p.kind, p.scenario_id AS "scenarioId", COUNT(DISTINCT a.id) AS count
       FROM answers a
       JOIN feedback nq ON nq.answer_id = a.id AND nq.kind = 'not_quite'
       JOIN feedback p ON p.answer_id = a.id AND p.kind IN ('picked', 'none_of_these')
       WHERE ${where} AND a.scenario_id = ?
       GROUP BY p.kind, p.scenario_id ORDER BY count DESC, p.scenario_id COLLATE BINARY`,
      [...params, scenarioId],
    );
    notQuite.push({
      scenarioId,
      count,
      pickedInstead: rows
        .filter((r) => r.kind === "picked" && r.scenarioId !== null)
        .map((r) => ({ scenarioId: r.scenarioId as string, count: r.count })),
      noneOfThese: rows.find((r) => r.kind === "none_of_these")?.count ?? 0,
    });
  }

  const chosenRows = await sql.all<{ id: string }>(
    `SELECT a.scenario_id AS id FROM answers a WHERE ${where} AND a.scenario_id IS NOT NULL
     UNION
     SELECT f.scenario_id FROM feedback f JOIN answers a ON a.id = f.answer_id
     WHERE ${where} AND f.kind = 'picked' AND f.scenario_id IS NOT NULL`,
    [...params, ...params],
  );
  const chosen = new Set(chosenRows.map((r) => r.id));

  return {
    since: since.toISOString(),
    ...(workspaceId !== undefined && { workspaceId }),
    answered: surfaceRows.reduce((sum, r) => sum + r.n, 0),
    bySurface,
    noMatch: noMatchRow?.n ?? 0,
    helpful: {
      ...rate(total.helpful, total.notQuite),
      byScenario: helpfulRows.map((r) => ({ ...r, ...rate(r.helpful, r.notQuite) })),
    },
    unanswered,
    notQuite,
    neverChosen: scenarioIds.filter((id) => !chosen.has(id)),
  };
}

const percent = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);

/** The report as text; `short` keeps it to a few lines (for Slack). */
export function renderReport(report: Report, options: { short?: boolean } = {}): string {
  const lines = [
    `Since ${report.since.slice(0, 10)}${report.workspaceId ? ` in workspace ${report.workspaceId}` : ""}: ${report.answered} questions answered (${SURFACES.map(
      (s) => `${s} ${report.bySurface[s]}`,
    ).join(", ")}), ${report.noMatch} with no match.`,
    `Helpful: ${percent(report.helpful.rate)} (${report.helpful.helpful} helpful, ${report.helpful.notQuite} not quite).`,
  ];
  if (!options.short) {
    for (const s of report.helpful.byScenario) {
      lines.push(`  ${s.scenarioId}: ${percent(s.rate)} (${s.helpful}/${s.helpful + s.notQuite})`);
    }
  }
  const limit = options.short ? 3 : report.unanswered.length;
  if (report.unanswered.length > 0) {
    lines.push("Most frequent questions with no match:");
    for (const { question, count } of report.unanswered.slice(0, limit))
      lines.push(`  ${count}× ${question}`);
  }
  if (report.notQuite.length > 0) {
    lines.push('Answers marked "Not quite":');
    for (const nq of report.notQuite.slice(0, limit)) {
      const picks = nq.pickedInstead.map((p) => `${p.scenarioId} ${p.count}×`);
      if (nq.noneOfThese > 0) picks.push(`none of these ${nq.noneOfThese}×`);
      lines.push(
        `  ${nq.scenarioId} ${nq.count}×${picks.length ? `; picked instead: ${picks.join(", ")}` : ""}`,
      );
    }
  }
  lines.push(
    `Never chosen: ${report.neverChosen.length ? report.neverChosen.join(", ") : "none"}.`,
  );
  return lines.join("\n");
}

/** "30d", "12h", "2w" → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([hdw])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 30d, 12h or 2w`);
  const hours = { h: 1, d: 24, w: 24 * 7 }[match[2] as "h" | "d" | "w"];
  return Number(match[1]) * hours * 60 * 60 * 1000;
}
