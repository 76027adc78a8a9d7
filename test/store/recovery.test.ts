/** Recording recovers by itself: a salt that cannot be created at start. */
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync, rmdirSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { SqliteRecorder } from "../../src/store/recorder.js";
import { createRecorder } from "../../src/store/settings.js";
import { answer, recorder, silent, tempDb, track } from "./helpers.js";

const questions = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare("SELECT question FROM answers ORDER BY question").all() as Array<{
        question: string;
      }>
    ).map((r) => r.question);
  } finally {
    db.close();
  }
};

const settings = (file: string) =>
  ({ RECORD_QUESTIONS: true, RETENTION_DAYS: 90, DATABASE_PATH: file }) as const;

describe("a salt that cannot be created at start", () => {
  it("holds the answers, counts them, and writes them once the salt can be made", () => {
    const file = tempDb();
    mkdirSync(`${file}.salt`); // a directory in the way
    const rec = track(createRecorder(settings(file), silent));
    expect(rec).toBeInstanceOf(SqliteRecorder);
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 0 });
    for (const question of ["q1", "q2", "q3"]) rec.recordAnswer(answer({ question }));
    expect(rec.health()).toMatchObject({
      state: "degraded",
      pending: 3,
      dropped: 0,
      lastError: expect.stringContaining(`${file}.salt`),
    });

    rmdirSync(`${file}.salt`);
    (rec as SqliteRecorder).flush();
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 0 });
    expect(questions(file)).toEqual(["q1", "q2", "q3"]);

    // Hashed with the salt now in the file, as every later answer is.
    const salt = readFileSync(`${file}.salt`, "utf8").trim();
    const expected = createHmac("sha256", salt).update("T1:U123SECRET").digest("hex");
    const db = track(new Database(file, { readonly: true }));
    expect(db.prepare("SELECT DISTINCT user_hash FROM answers").all()).toEqual([
      { user_hash: expected },
    ]);
  });

  it("retries by itself on its timer", async () => {
    const file = tempDb();
    mkdirSync(`${file}.salt`);
    const rec = recorder(file, { salt: { file: `${file}.salt` }, retryMs: 10 });
    rec.recordAnswer(answer());
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 1 });
    rmdirSync(`${file}.salt`);
    await vi.waitFor(() => expect(rec.health()).toMatchObject({ state: "ok", pending: 0 }));
    expect(questions(file)).toHaveLength(1);
  });

  it("keeps the queue bounded meanwhile", () => {
    const file = tempDb();
    mkdirSync(`${file}.salt`);
    const rec = recorder(file, { salt: { file: `${file}.salt` }, maxPending: 2 });
    for (let i = 0; i < 5; i++) rec.recordAnswer(answer());
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 2, dropped: 3 });
  });
});
