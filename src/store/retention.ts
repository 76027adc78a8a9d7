/**
 * Retention over the Sql port (sql.ts), the same statement on both engines: records older than
 * RETENTION_DAYS go, at start and daily. An answer's feedback goes with it, in the same
 * statement (ON DELETE CASCADE, in both dialects: migrations.ts), so that one statement is the
 * whole purge and nothing is left half-deleted.
 */
import { DAY_MS } from "./rows.js";
import type { Sql } from "./sql.js";

/** The time before which records are past `retentionDays`, Unix ms. */
export const retentionCutoff = (now: number, retentionDays: number): number =>
  now - retentionDays * DAY_MS;

/** Deletes the answers recorded before `cutoff`, with their feedback; resolves to how many answers went. */
export function purgeBefore(sql: Sql, cutoff: number): Promise<number> {
  return sql.run("DELETE FROM answers WHERE created_at < ?", [cutoff]);
}
