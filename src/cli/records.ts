/**
 * The CLI's recorded-questions commands. Loaded only when used, so that a plain `ask` never
 * pays for SQLite.
 */
import { existsSync } from "node:fs";
import {
  buildConversationReport,
  renderConversationReport,
} from "../answer/conversation-report.js";
import type { Catalog } from "../catalog/types.js";
import type { RecordingSettings } from "../config/index.js";
import type { Recommender } from "../matching/recommender.js";
import { answeredRows } from "../store/conversation.js";
import { type Db, MIGRATIONS, openDatabase, schemaVersion } from "../store/database.js";
import { buildReport, parseDuration, renderReport } from "../store/report.js";
import { createRecorder } from "../store/settings.js";
import { renderSuggestions, suggestCardChanges } from "../store/suggest.js";
import type { Recorder } from "../store/types.js";

/** The recorder `ask --record` writes to; RECORD_QUESTIONS=false turns it off here too. */
export function askRecorder(settings: RecordingSettings): Recorder {
  if (!settings.enabled) logLine("--record: nothing is recorded (RECORD_QUESTIONS=false)");
  return createRecorder(settings, { info: logLine, warn: logLine });
}

function logLine(...args: unknown[]): void {
  process.stderr.write(`scenario-bot: ${args.join(" ")}\n`);
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
    throw new Error(
      `${databasePath} has schema version ${version}, this build reads version ${MIGRATIONS.length}; ` +
        "start the app of the same version once to migrate it",
    );
  }
  return db;
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
 * and the guided chooser), as `conversation` in JSON.
 */
export function reportText(
  recording: RecordingSettings,
  catalog: Catalog,
  since: Date,
  json: boolean,
  recommender?: Pick<Recommender, "recommend">,
): string {
  const db = openRecords(recording);
  try {
    const report = buildReport(db, { since, scenarioIds: catalog.scenarios.map((s) => s.id) });
    const conversation =
      recommender && buildConversationReport(answeredRows(db, since), { catalog, recommender });
    if (json) return JSON.stringify(conversation ? { ...report, conversation } : report);
    const text = renderReport(report);
    return conversation ? `${text}\n${renderConversationReport(conversation)}` : text;
  } finally {
    db.close();
  }
}

export function suggestionsText(
  recording: RecordingSettings,
  catalog: Catalog,
  since: Date,
): string {
  const db = openRecords(recording);
  try {
    return renderSuggestions(suggestCardChanges(db, catalog, { since }), catalog);
  } finally {
    db.close();
  }
}
