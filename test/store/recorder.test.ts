import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate, openDatabase, schemaVersion } from "../../src/store/database.js";
import { createRecorder } from "../../src/store/open-store.js";
import { answer, endOfTurn, recorder, silent, tempDb, track } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;

describe("migrations", () => {
  it("migrate an empty database to the latest version", () => {
    const db = track(openDatabase(tempDb()));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all();
    expect(tables).toEqual([
      { name: "answers" },
      { name: "digests" },
      { name: "feedback" },
      { name: "installations" },
      { name: "oauth_states" },
      { name: "secrets" },
      { name: "seen_events" },
    ]);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
  });

  it("migrate from the previous version, keeping its data", () => {
    const file = tempDb();
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, -1));
    old
      .prepare(
        "INSERT INTO answers (id, created_at, surface, question, confidence) VALUES ('a1', 1, 'dm', 'q', 0.5)",
      )
      .run();
    old.close();

    const db = track(openDatabase(file));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT id, question FROM answers").all()).toEqual([
      { id: "a1", question: "q" },
    ]);
    db.prepare(
      "INSERT INTO feedback (answer_id, created_at, kind) VALUES ('a1', 2, 'helpful')",
    ).run();
  });

  it("rename answers.confidence to score in place: a row of version 7 reads back with its score", async () => {
    const file = tempDb();
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 7));
    old
      .prepare(
        `INSERT INTO answers (id, created_at, workspace_id, surface, question, scenario_id, confidence, alternatives)
         VALUES ('a7', ?, 'T1', 'dm', 'okta for staff', 'b2e', 0.42, '["b2b"]')`,
      )
      .run(Date.now());
    old.close();

    const db = track(openDatabase(file));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT id, scenario_id, score, alternatives FROM answers").all()).toEqual([
      { id: "a7", scenario_id: "b2e", score: 0.42, alternatives: '["b2b"]' },
    ]);
    const columns = db.prepare("SELECT name FROM pragma_table_info('answers')").pluck().all();
    expect(columns).toContain("score");
    expect(columns).not.toContain("confidence");
    // And the recorder reads and writes it as before.
    const rec = recorder(file);
    rec.recordAnswer(answer({ score: 0.7 }));
    rec.flush();
    const report = await rec.report({ since: new Date(0), scenarioIds: ["b2e"] });
    expect(report).toMatchObject({ answered: 2, neverChosen: [] });
  });

  it("is idempotent", () => {
    const file = tempDb();
    openDatabase(file).close();
    const db = track(openDatabase(file));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
  });
});

describe("SqliteRecorder", () => {
  it("stores answers and feedback, with the user id hashed", () => {
    const file = tempDb();
    const rec = recorder(file);
    const { id } = answer();
    rec.recordAnswer(answer({ id }));
    rec.recordFeedback(id, {
      kind: "picked",
      scenarioId: "spa-api",
      workspaceId: "T1",
      userId: "U123SECRET",
    });
    rec.flush();
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 0 });
    rec.close();

    const db = track(new Database(file, { readonly: true }));
    const row = db.prepare("SELECT * FROM answers").get() as Record<string, unknown>;
    expect(row).toMatchObject({
      id,
      surface: "command",
      scenario_id: "mobile-api",
      alternatives: '["spa-api","server-api"]',
    });
    expect(row.user_hash).toMatch(/^[0-9a-f]{64}$/);
    const feedback = db.prepare("SELECT kind, scenario_id, user_hash FROM feedback").get();
    expect(feedback).toEqual({ kind: "picked", scenario_id: "spa-api", user_hash: row.user_hash });
    db.close();
    for (const suffix of ["", "-wal"]) {
      try {
        expect(readFileSync(file + suffix).includes("U123SECRET")).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  });

  it("drops feedback for an answer it does not have", () => {
    const file = tempDb();
    const rec = recorder(file);
    rec.recordFeedback("no-such-answer", { kind: "helpful", workspaceId: null, userId: null });
    expect(rec.health().state).toBe("ok");
    const db = track(new Database(file, { readonly: true }));
    expect(db.prepare("SELECT COUNT(*) AS n FROM feedback").get()).toEqual({ n: 0 });
  });

  it("deletes records older than the retention period, at start and on purge()", async () => {
    const file = tempDb();
    let now = Date.UTC(2026, 0, 1);
    const first = recorder(file, { retentionDays: 30, now: () => now });
    const old = answer({ question: "old" });
    first.recordAnswer(old);
    first.recordFeedback(old.id, { kind: "helpful", workspaceId: "T1", userId: "U1" });
    now += 20 * DAY;
    first.recordAnswer(answer({ question: "recent" }));
    first.close();

    now += 15 * DAY; // "old" is now 35 days old, "recent" 15
    const second = recorder(file, { retentionDays: 30, now: () => now });
    const db = track(new Database(file, { readonly: true }));
    expect(db.prepare("SELECT question FROM answers").all()).toEqual([{ question: "recent" }]);
    expect(db.prepare("SELECT COUNT(*) AS n FROM feedback").get()).toEqual({ n: 0 });

    now += 20 * DAY;
    expect(await second.purge()).toBe(1);
    expect(db.prepare("SELECT COUNT(*) AS n FROM answers").get()).toEqual({ n: 0 });
  });

  it("does not block on a locked database, reports it, and writes once the lock is gone", () => {
    const file = tempDb();
    const rec = recorder(file, { retryMs: 60_000 });
    const other = track(new Database(file));
    other.exec(
      "BEGIN IMMEDIATE; INSERT INTO answers (id, created_at, surface, question, score) VALUES ('x', 1, 'dm', 'held', 0)",
    );

    rec.recordAnswer(answer());
    rec.flush();
    expect(rec.health()).toMatchObject({
      state: "degraded",
      pending: 1,
      lastError: expect.stringMatching(/locked|busy/i),
    });

    other.exec("COMMIT");
    rec.recordAnswer(answer({ question: "second" }));
    rec.flush();
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 0 });
    const rows = other.prepare("SELECT question FROM answers ORDER BY created_at, question").all();
    expect(rows).toEqual([
      { question: "held" },
      { question: "mobile app calling an api" },
      { question: "second" },
    ]);
  });

  it("commits the answers of one event-loop turn together when it ends, and queues them when locked", async () => {
    const file = tempDb();
    const rec = recorder(file, { retryMs: 60_000 });
    const reader = track(new Database(file, { readonly: true }));
    const count = () => reader.prepare("SELECT COUNT(*) AS n FROM answers").pluck().get();

    rec.recordAnswer(answer());
    rec.recordAnswer(answer());
    expect(count()).toBe(0);
    expect(rec.health()).toEqual({ state: "ok", pending: 2, dropped: 0 });
    await endOfTurn();
    expect(count()).toBe(2);
    expect(rec.stats()).toMatchObject({ pending: 0, written: 2 });

    const other = track(new Database(file));
    other.exec("BEGIN IMMEDIATE");
    rec.recordAnswer(answer());
    await endOfTurn();
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 1 });
    other.exec("COMMIT");
    // Behind a failure the retry alone writes: the one waiting and the new one, together.
    rec.recordAnswer(answer());
    await endOfTurn();
    expect(count()).toBe(2);
    rec.flush();
    expect(count()).toBe(4);
  });

  it("writes a backlog together, dropping only what the schema refuses", () => {
    const file = tempDb();
    const rec = recorder(file, { retryMs: 60_000 });
    const other = track(new Database(file));
    other.exec("BEGIN IMMEDIATE");
    const twice = answer({ question: "twice" });
    for (const record of [answer({ question: "a" }), twice, twice, answer({ question: "b" })]) {
      rec.recordAnswer(record);
    }
    rec.flush();
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 4 });
    other.exec("COMMIT");
    rec.flush();
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 1 });
    const rows = other.prepare("SELECT question FROM answers ORDER BY question").pluck().all();
    expect(rows).toEqual(["a", "b", "twice"]);
  });

  it("never waits for another connection's lock", () => {
    // busy_timeout 0: a write on a locked database fails at once and is queued, instead of
    // holding up the answer for SQLite's default wait.
    const db = track(openDatabase(tempDb()));
    expect(db.pragma("busy_timeout", { simple: true })).toBe(0);
  });

  it("keeps answering when the file is not a database, and says so from the start", () => {
    const file = tempDb();
    writeFileSync(file, "this is not a database ".repeat(200));
    const rec = recorder(file, { retryMs: 60_000 });
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 0 });
    expect(() => rec.recordAnswer(answer())).not.toThrow();
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 1 });
  });

  it("bounds the queue while the database is unavailable", () => {
    const file = tempDb();
    writeFileSync(file, "garbage ".repeat(500));
    const rec = recorder(file, { retryMs: 60_000, maxPending: 3 });
    for (let i = 0; i < 5; i++) rec.recordAnswer(answer());
    expect(rec.health()).toMatchObject({ state: "degraded", pending: 3, dropped: 2 });
  });
});

describe("createRecorder", () => {
  it("is off with RECORD_QUESTIONS=false", async () => {
    const rec = createRecorder(
      { enabled: false, retentionDays: 90, databasePath: tempDb() },
      silent,
    );
    rec.recordAnswer(answer());
    expect(rec.health().state).toBe("off");
    expect(await rec.report({ since: new Date(0), scenarioIds: [] })).toBeUndefined();
  });

  it("refuses a salt file that does not hold a salt", () => {
    const file = tempDb();
    writeFileSync(`${file}.salt`, "\n");
    const warnings: string[] = [];
    const rec = createRecorder(
      { enabled: true, retentionDays: 90, databasePath: file },
      { info: () => {}, warn: (message: unknown) => warnings.push(String(message)) },
    );
    expect(rec.health()).toMatchObject({ state: "degraded" });
    expect(warnings.join("\n")).toMatch(/does not hold a salt/);
  });

  it("creates the folder and a private salt file beside the database", async () => {
    const file = path.join(path.dirname(tempDb()), "nested", "db.sqlite");
    const rec = track(
      createRecorder({ enabled: true, retentionDays: 90, databasePath: file }, silent),
    );
    rec.recordAnswer(answer());
    await endOfTurn();
    expect((await rec.report({ since: new Date(0), scenarioIds: [] }))?.answered).toBe(1);
    const salt = readFileSync(`${file}.salt`, "utf8").trim();
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
  });

  it("commits answers together with RECORD_GROUP_COMMIT_MS, at the end of the turn without it", async () => {
    const settings = { enabled: true, retentionDays: 90, databasePath: tempDb() };
    const grouped = track(createRecorder({ ...settings, groupCommitMs: 20 }, silent));
    grouped.recordAnswer(answer());
    // Not committed when the turn ends: it waits for the interval.
    await endOfTurn();
    expect(grouped.stats().written).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(grouped.stats().written).toBe(1);
    const each = track(createRecorder({ ...settings, databasePath: tempDb() }, silent));
    each.recordAnswer(answer());
    expect(each.stats().written).toBe(0);
    await endOfTurn();
    expect(each.stats().written).toBe(1);
  });
});
