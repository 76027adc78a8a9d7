/**
 * The CLI's recorded-questions commands. Loaded only when used, so that a plain `ask` never
 * pays for SQLite or PostgreSQL.
 */
import { existsSync } from "node:fs";
import {
  buildConversationReport,
  renderConversationReport,
} from "../answer/conversation-report.js";
import type { Catalog } from "../catalog/types.js";
import type { RecordingSettings } from "../config/settings.js";
import type { Recommender } from "../matching/recommender.js";
import { answeredRows } from "../store/conversation.js";
import { type Db, MIGRATIONS, openDatabase, schemaVersion, sqliteSql } from "../store/database.js";
import { SCHEMA_VERSION } from "../store/migrations.js";
import { createRecorder } from "../store/open-store.js";
import { createPool, currentVersion, postgresSql, transaction } from "../store/postgres.js";
import { buildReport, parseDuration, renderReport } from "../store/report.js";
import type { Sql } from "../store/sql.js";
import { renderSuggestions, suggestCardChanges } from "../store/suggest.js";
import type { Recorder } from "../store/types.js";

/**
 * The recorder `ask --record` writes to; RECORD_QUESTIONS=false turns it off here too. What it
 * has to say goes to `stderr`.
 */
export function askRecorder(settings: RecordingSettings, stderr: (text: string) => void): Recorder {
  const logLine = (...args: unknown[]): void => stderr(`scenario-bot: ${args.join(" ")}\n`);
  if (!settings.enabled) logLine("--record: nothing is recorded (RECORD_QUESTIONS=false)");
  return createRecorder(settings, { info: logLine, warn: logLine });
}

/**
 * The recorded database, which must exist already and be at this build's schema version:
 * reading a report never creates or migrates the app's database.
 */
function openRecords({ databasePath }: RecordingSettings): Db {
  if (!existsSync(databasePath)) {
    throw new Error(
      `no recorded questions at ${databasePath} (set DATABASE_PATH, or answer some first)`,
    );
  }
  const db = openDatabase(databasePath, { busyTimeoutMs: 2_000, migrate: false });
  const version = schemaVersion(db);
  if (version !== MIGRATIONS.length) {
    db.close();
    throw new Error(staleSchema(databasePath, version));
  }
  return db;
}

const staleSchema = (where: string, version: number) =>
  `${where} has schema version ${version}, this build reads version ${SCHEMA_VERSION}; ` +
  "start the app of the same version once to migrate it";

/**
 * Reads the records with `read`: from PostgreSQL when DATABASE_URL is set (in one read-only
 * snapshot), else from the SQLite file. Either must be at this build's schema version.
 */
export async function readRecords<T>(
  recording: RecordingSettings,
  read: (sql: Sql) => Promise<T>,
): Promise<T> {
  if (recording.databaseUrl === undefined) {
    const db = openRecords(recording);
    try {
      return await read(sqliteSql(db));
    } finally {
      db.close();
    }
  }
  const pool = createPool(recording.databaseUrl, { max: 1 });
  try {
    // Never the URL in a message: it may hold a password.
    const version = await currentVersion(pool);
    if (version !== SCHEMA_VERSION) throw new Error(staleSchema("DATABASE_URL", version));
    return await transaction(
      pool,
      (client) => read(postgresSql(client)),
      "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    );
  } finally {
    await pool.end();
  }
}

/** The longest `--since`: records are kept RETENTION_DAYS, 90 by default. */
const SINCE_MAX_MS = 10 * 366 * 24 * 60 * 60 * 1000;

/** `--since 30d` → the date it means; throws on a malformed, empty or absurd duration. */
export function sinceDate(since: string | undefined, now = Date.now()): Date {
  const text = since ?? "30d";
  const ms = parseDuration(text);
  if (ms === 0) throw new Error(`"${text}" is no time at all; try 30d, 12h or 2w`);
  if (ms > SINCE_MAX_MS) throw new Error(`"${text}" is more than ten years; try 30d, 12h or 2w`);
  return new Date(now - ms);
}

/**
 * The review report; with the recommender, also the conversation section (clarifying questions
 * and the guided chooser), as `conversation` in JSON. `workspaceId` limits both to one workspace.
 */
export async function reportText(
  recording: RecordingSettings,
  catalog: Catalog,
  since: Date,
  json: boolean,
  recommender?: Pick<Recommender, "search">,
  workspaceId?: string,
): Promise<string> {
  const scenarioIds = catalog.scenarios.map((s) => s.id);
  const only = workspaceId !== undefined ? { workspaceId } : {};
  const { report, answered } = await readRecords(recording, async (sql) => ({
    report: await buildReport(sql, { since, scenarioIds, ...only }),
    answered: recommender && (await answeredRows(sql, since, workspaceId)),
  }));
  const conversation =
    recommender && answered && buildConversationReport(answered, { catalog, recommender });
  if (json) return JSON.stringify(conversation ? { ...report, conversation } : report);
  const text = renderReport(report);
  return conversation ? `${text}\n${renderConversationReport(conversation)}` : text;
}

export async function suggestionsText(
  recording: RecordingSettings,
  catalog: Catalog,
  since: Date,
  workspaceId?: string,
): Promise<string> {
  const suggestions = await readRecords(recording, (sql) =>
    suggestCardChanges(sql, catalog, { since, ...(workspaceId !== undefined && { workspaceId }) }),
  );
  return renderSuggestions(suggestions, catalog);
}
