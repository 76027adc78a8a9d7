import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PostgresRecorder } from "../../src/store/postgres-recorder.js";
import { SqliteRecorder } from "../../src/store/sqlite-recorder.js";
import { DISABLED_RECORDER } from "../../src/store/types.js";
import { describePg, freshDatabase } from "../helpers/postgres.js";
import { tempDir } from "../helpers/tmp.js";
import { answer, silent } from "./helpers.js";

const dir = tempDir("scenario-stats");
const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

describe("SqliteRecorder.stats()", () => {
  it("counts writes, the queue while locked, the retry that wrote it, and drops", async () => {
    const file = path.join(dir, "stats.db");
    const rec = new SqliteRecorder({
      databasePath: file,
      retentionDays: 90,
      salt: "s",
      log: silent,
      retryMs: 10,
      maxPending: 2,
    });
    open.push(rec);
    rec.recordAnswer(answer());
    expect(rec.stats()).toEqual({ pending: 1, written: 0, retries: 0, dropped: 0 });
    rec.flush();
    expect(rec.stats()).toEqual({ pending: 0, written: 1, retries: 0, dropped: 0 });
    const other = new Database(file);
    open.push(other);
    other.exec("BEGIN IMMEDIATE");
    for (let i = 0; i < 3; i++) rec.recordAnswer(answer());
    rec.flush();
    expect(rec.stats()).toMatchObject({ pending: 2, written: 1, dropped: 1 });
    other.exec("COMMIT");
    await vi.waitFor(() => expect(rec.stats()).toMatchObject({ pending: 0, written: 3 }));
    expect(rec.stats().retries).toBeGreaterThanOrEqual(1);
  });

  it("is all zeros when recording is off", () => {
    expect(DISABLED_RECORDER.stats()).toEqual({ pending: 0, written: 0, retries: 0, dropped: 0 });
  });
});

describePg("PostgresRecorder.stats()", () => {
  it("counts what its batches wrote", async () => {
    const { url } = await freshDatabase();
    const rec = new PostgresRecorder({ databaseUrl: url, retentionDays: 90, log: silent });
    open.push(rec);
    for (let i = 0; i < 7; i++) rec.recordAnswer(answer());
    expect(rec.stats().pending).toBe(7);
    await vi.waitFor(async () => {
      await rec.flush();
      expect(rec.stats()).toEqual({ pending: 0, written: 7, retries: 0, dropped: 0 });
    });
  });
});
