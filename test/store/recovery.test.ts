/** Recording recovers by itself: a database deleted underneath, a salt that cannot be created. */
import { createHmac } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { createRecorder } from "../../src/store/open-store.js";
import { SqliteRecorder } from "../../src/store/sqlite-recorder.js";
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
  ({ enabled: true, retentionDays: 90, databasePath: file }) as const;

describe("a database deleted or replaced while the app runs", () => {
  it("is opened anew: the next record lands in a new file, and health says so", () => {
    const file = tempDb();
    const rec = recorder(file);
    rec.recordAnswer(answer({ question: "before" }));
    rec.flush();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });

    rec.recordAnswer(answer({ question: "after" }));
    rec.flush();
    expect(existsSync(file)).toBe(true);
    expect(questions(file)).toEqual(["after"]);
    expect(rec.health()).toMatchObject({
      state: "ok",
      pending: 0,
      reopened: 1,
      lastReopen: expect.stringContaining(`${file} was deleted`),
    });
  });

  it("does not read the old WAL into the new file when only the .db was deleted", () => {
    const file = tempDb();
    const rec = recorder(file);
    rec.recordAnswer(answer({ question: "before" }));
    rec.flush();
    rmSync(file);
    rec.recordAnswer(answer({ question: "after" }));
    rec.close();
    expect(questions(file)).toEqual(["after"]);
    const db = track(new Database(file, { readonly: true }));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("writes to the file moved in its place", () => {
    const file = tempDb();
    const rec = recorder(file);
    rec.recordAnswer(answer({ question: "before" }));
    rec.flush();
    const restored = path.join(path.dirname(file), "restored.db");
    openDatabase(restored).close();
    renameSync(restored, file);

    rec.recordAnswer(answer({ question: "after" }));
    rec.flush();
    expect(questions(file)).toEqual(["after"]);
    expect(rec.health()).toMatchObject({
      reopened: 1,
      lastReopen: expect.stringMatching(/was replaced/),
    });
  });

  it("recreates a deleted data folder, with the same salt", () => {
    const file = path.join(path.dirname(tempDb()), "data", "records.db");
    const rec = track(createRecorder(settings(file), silent));
    rec.recordAnswer(answer());
    (rec as SqliteRecorder).flush();
    const salt = readFileSync(`${file}.salt`, "utf8");
    rmSync(path.dirname(file), { recursive: true });

    rec.recordAnswer(answer({ question: "after" }));
    (rec as SqliteRecorder).flush();
    expect(questions(file)).toEqual(["after"]);
    expect(readFileSync(`${file}.salt`, "utf8")).toBe(salt);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });
});

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
