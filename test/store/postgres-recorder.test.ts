/**
 * The PostgreSQL recorder on a real server: migrations (several instances at once), batched
 * asynchronous writes, de-duplication across instances, and a database that is down, read-only
 * or slow, which must never stop an answer.
 */
import type pg from "pg";
import { afterEach, expect, it, vi } from "vitest";
import { MIGRATION_STEPS } from "../../src/store/migrations.js";
import {
  createPool,
  migratePostgres,
  PG_MIGRATIONS,
  pgSchemaVersion,
} from "../../src/store/postgres.js";
import {
  PostgresRecorder,
  type PostgresRecorderOptions,
} from "../../src/store/postgres-recorder.js";
import { admin, connect, describePg, disconnectAll, freshDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { answer, silent } from "./helpers.js";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

function recorder(url: string, extra: Partial<PostgresRecorderOptions> = {}): PostgresRecorder {
  const rec = new PostgresRecorder({
    databaseUrl: url,
    retentionDays: 90,
    log: silent,
    retryMs: 100,
    ...extra,
  });
  open.push(rec);
  return rec;
}

async function client(url: string): Promise<pg.Client> {
  const c = await connect(url);
  open.push({ close: () => c.end() });
  return c;
}

async function count(c: pg.Client, table: string): Promise<number> {
  const { rows } = await c.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0]?.n);
}

/** Resolves once the recorder has written everything it holds and says so. */
async function settled(rec: PostgresRecorder): Promise<void> {
  await vi.waitFor(
    async () => {
      await rec.flush();
      expect(rec.health()).toMatchObject({ state: "ok", pending: 0 });
    },
    { timeout: 10_000, interval: 50 },
  );
}

describePg("PostgreSQL migrations", () => {
  it("bring an empty database to the latest version, in the same steps as SQLite", async () => {
    const { url } = await freshDatabase();
    const pool = createPool(url);
    open.push({ close: () => pool.end() });
    await migratePostgres(pool);
    expect(await pgSchemaVersion(pool)).toBe(MIGRATION_STEPS.length);
    const { rows } = await pool.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      "answers",
      "digests",
      "feedback",
      "installations",
      "oauth_states",
      "schema_migrations",
      "secrets",
      "seen_events",
    ]);
  });

  it("run once when several instances start at once (an advisory lock)", async () => {
    const { url } = await freshDatabase();
    const pools = Array.from({ length: 4 }, () => createPool(url));
    for (const pool of pools) open.push({ close: () => pool.end() });
    await Promise.all(pools.map((pool) => migratePostgres(pool)));
    const { rows } = await (pools[0] as pg.Pool).query(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    expect(rows.map((r) => r.version)).toEqual(MIGRATION_STEPS.map((_, i) => i + 1));
  });

  it("migrate from the previous version, keeping its data", async () => {
    const { url } = await freshDatabase();
    const pool = createPool(url);
    open.push({ close: () => pool.end() });
    await migratePostgres(pool, PG_MIGRATIONS.slice(0, -1));
    await pool.query(
      "INSERT INTO answers (id, created_at, surface, question, confidence) VALUES ('a1', 1, 'dm', 'q', 0.5)",
    );
    await migratePostgres(pool);
    expect(await pgSchemaVersion(pool)).toBe(PG_MIGRATIONS.length);
    expect((await pool.query("SELECT id, question FROM answers")).rows).toEqual([
      { id: "a1", question: "q" },
    ]);
  });
});

describePg("PostgreSQL migration 8", () => {
  it("renames answers.confidence to score in place: a row of version 7 reads back with its score", async () => {
    const { url } = await freshDatabase();
    const pool = createPool(url);
    open.push({ close: () => pool.end() });
    await migratePostgres(pool, PG_MIGRATIONS.slice(0, 7));
    await pool.query(
      `INSERT INTO answers (id, created_at, workspace_id, surface, question, scenario_id, confidence, alternatives)
       VALUES ('a7', $1, 'T1', 'dm', 'okta for staff', 'b2e', 0.42, '["b2b"]')`,
      [Date.now()],
    );
    await migratePostgres(pool);
    expect(await pgSchemaVersion(pool)).toBe(PG_MIGRATIONS.length);
    const { rows } = await pool.query("SELECT id, scenario_id, score, alternatives FROM answers");
    expect(rows).toEqual([{ id: "a7", scenario_id: "b2e", score: 0.42, alternatives: '["b2b"]' }]);
    const columns = await pool.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'answers'",
    );
    const names = columns.rows.map((r) => r.column_name);
    expect(names).toContain("score");
    expect(names).not.toContain("confidence");
    // And the recorder reads and writes it as before.
    const rec = recorder(url);
    rec.recordAnswer(answer({ score: 0.7 }));
    await settled(rec);
    const report = await rec.report({ since: new Date(0), scenarioIds: ["b2e"] });
    expect(report).toMatchObject({ answered: 2, neverChosen: [] });
  });
});

describePg("PostgresRecorder", () => {
  it("writes answers and feedback in batches, off the caller's path, hashing user ids", async () => {
    const { url } = await freshDatabase();
    const rec = recorder(url);
    const answers = Array.from({ length: 1200 }, (_, i) => answer({ question: `q${i}` }));
    // Never written before returning: the answer path does not wait on the network.
    for (const a of answers) rec.recordAnswer(a);
    expect(rec.stats()).toMatchObject({ written: 0, pending: 1200 });
    rec.recordFeedback(answers[0]?.id as string, {
      kind: "picked",
      scenarioId: "spa-api",
      workspaceId: "T1",
      userId: "U123SECRET",
    });
    expect(rec.health().pending).toBe(1201);
    await settled(rec);

    const db = await client(url);
    expect(await count(db, "answers")).toBe(1200);
    const { rows } = await db.query(
      "SELECT a.id, a.user_hash, a.alternatives, f.kind, f.scenario_id, f.user_hash AS feedback_hash FROM answers a JOIN feedback f ON f.answer_id = a.id",
    );
    expect(rows).toEqual([
      {
        id: answers[0]?.id,
        user_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        alternatives: '["spa-api","server-api"]',
        kind: "picked",
        scenario_id: "spa-api",
        feedback_hash: rows[0]?.user_hash,
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain("U123SECRET");
  });

  it("hashes a user alike on every instance: the salt is kept in the database", async () => {
    const { url } = await freshDatabase();
    const [a, b] = [recorder(url), recorder(url)];
    a.recordAnswer(answer({ id: "from-a" }));
    b.recordAnswer(answer({ id: "from-b" }));
    await Promise.all([settled(a), settled(b)]);
    const db = await client(url);
    const { rows } = await db.query("SELECT DISTINCT user_hash FROM answers");
    expect(rows).toHaveLength(1);
    expect(await count(db, "secrets")).toBe(1);
  });

  it("drops a write the database refuses, counts it, and writes the rest of its batch", async () => {
    const { url } = await freshDatabase();
    const warnings: string[] = [];
    const rec = recorder(url, {
      log: { info: () => {}, warn: (m: unknown) => warnings.push(String(m)) },
    });
    const dup = answer();
    rec.recordAnswer(dup);
    rec.recordAnswer(answer({ question: "a NUL \u0000 PostgreSQL text cannot hold" }));
    rec.recordAnswer(dup); // the same id twice
    rec.recordAnswer(answer({ question: "fine" }));
    rec.recordFeedback("no-such-answer", { kind: "helpful", workspaceId: null, userId: null });
    await settled(rec);
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 2 });
    expect(warnings.filter((w) => w.includes("refused"))).toHaveLength(2);
    const db = await client(url);
    expect(await count(db, "answers")).toBe(2);
    expect(await count(db, "feedback")).toBe(0);
  });

  it("deletes records older than the retention period, at start and on purge()", async () => {
    const { url } = await freshDatabase();
    let now = Date.UTC(2026, 0, 1);
    const first = recorder(url, { retentionDays: 30, now: () => now });
    const old = answer({ question: "old" });
    first.recordAnswer(old);
    first.recordFeedback(old.id, { kind: "helpful", workspaceId: "T1", userId: "U1" });
    await settled(first);
    now += 20 * DAY;
    first.recordAnswer(answer({ question: "recent" }));
    await first.close();

    now += 15 * DAY; // "old" is now 35 days old, "recent" 15
    const second = recorder(url, { retentionDays: 30, now: () => now });
    const db = await client(url);
    await vi.waitFor(async () => expect(await count(db, "answers")).toBe(1));
    expect((await db.query("SELECT question FROM answers")).rows).toEqual([{ question: "recent" }]);
    expect(await count(db, "feedback")).toBe(0);
    now += 20 * DAY;
    expect(await second.purge()).toBe(1);
    expect(await count(db, "answers")).toBe(0);
  });

  it("de-duplicates an event id across instances, atomically, for an hour", async () => {
    const { url } = await freshDatabase();
    let now = Date.UTC(2026, 0, 1);
    const [a, b] = [recorder(url, { now: () => now }), recorder(url, { now: () => now })];
    // The same id offered 20 times at once to each instance: exactly one is first.
    const offers = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).firstDelivery("Ev1"));
    const answers = await Promise.all(offers);
    expect(answers.filter((x) => x === true)).toHaveLength(1);
    expect(answers.filter((x) => x === false)).toHaveLength(39);

    now += HOUR - 1;
    expect(await b.firstDelivery("Ev1")).toBe(false);
    now += 1;
    expect(await b.firstDelivery("Ev1")).toBe(true);
    expect(await a.firstDelivery("Ev1")).toBe(false);
  });

  it("queues while the database is down, says degraded, and writes it all once it is back", async () => {
    const { url } = await freshDatabase();
    const proxy = await TcpProxy.forUrl(url).up();
    open.push({ close: () => proxy.down() });
    const rec = recorder(proxy.url(url), {
      pool: { connectTimeoutMs: 500 },
      dedupTimeoutMs: 300,
    });
    rec.recordAnswer(answer());
    await settled(rec);

    await proxy.down();
    const started = performance.now();
    for (let i = 0; i < 50; i++) rec.recordAnswer(answer({ question: `while down ${i}` }));
    expect(performance.now() - started).toBeLessThan(50); // never waits on the database
    // De-duplication cannot tell: the app falls back to its own memory.
    expect(await rec.firstDelivery("Ev-down")).toBeUndefined();
    await vi.waitFor(() => expect(rec.health()).toMatchObject({ state: "degraded", pending: 50 }));
    expect(rec.health().lastError).toBeDefined();

    await proxy.up();
    await settled(rec);
    const db = await client(url);
    expect(await count(db, "answers")).toBe(51);
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 0 });
  });

  it("keeps at most maxPending writes while the database is down, dropping the oldest", async () => {
    const { url } = await freshDatabase();
    const proxy = await TcpProxy.forUrl(url).up();
    open.push({ close: () => proxy.down() });
    const rec = recorder(proxy.url(url), { maxPending: 5, pool: { connectTimeoutMs: 500 } });
    await settled(rec);
    await proxy.down();
    for (let i = 0; i < 8; i++) rec.recordAnswer(answer({ question: `q${i}` }));
    await vi.waitFor(() => expect(rec.health()).toMatchObject({ state: "degraded" }));
    expect(rec.health()).toMatchObject({ pending: 5, dropped: 3 });
    await proxy.up();
    await settled(rec);
    const db = await client(url);
    const { rows } = await db.query("SELECT question FROM answers ORDER BY question");
    expect(rows.map((r) => r.question)).toEqual(["q3", "q4", "q5", "q6", "q7"]);
  });

  it("queues while the database is read-only, and writes once it takes writes again", async () => {
    const { url, name } = await freshDatabase();
    const rec = recorder(url);
    await settled(rec);
    await admin(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    await disconnectAll(name); // the setting applies to new sessions
    for (let i = 0; i < 3; i++) rec.recordAnswer(answer());
    await vi.waitFor(() =>
      expect(rec.health()).toMatchObject({
        state: "degraded",
        pending: 3,
        lastError: expect.stringMatching(/read-only/),
      }),
    );

    await admin(`ALTER DATABASE ${name} RESET default_transaction_read_only`);
    await disconnectAll(name);
    await settled(rec);
    const check = await client(url);
    expect(await count(check, "answers")).toBe(3);
  });

  it("says degraded while writes wait on a slow database, and catches up after", async () => {
    const { url } = await freshDatabase();
    const rec = recorder(url, { slowMs: 200 });
    await settled(rec);
    const locker = await client(url);
    await locker.query("BEGIN; LOCK TABLE answers IN ACCESS EXCLUSIVE MODE");
    rec.recordAnswer(answer());
    rec.recordAnswer(answer());
    expect(rec.health().state).toBe("ok");
    await vi.waitFor(() => expect(rec.health()).toMatchObject({ state: "degraded", pending: 2 }));
    expect(rec.health().lastError).toMatch(/waiting longer than 200 ms/);
    await locker.query("COMMIT");
    await settled(rec);
    expect(await count(locker, "answers")).toBe(2);
  });

  it("close() writes the queue, and gives up in time when the database is gone", async () => {
    const { url } = await freshDatabase();
    const rec = recorder(url);
    for (let i = 0; i < 10; i++) rec.recordAnswer(answer());
    await rec.close();
    const db = await client(url);
    expect(await count(db, "answers")).toBe(10);

    const proxy = await TcpProxy.forUrl(url).up();
    const warnings: string[] = [];
    const gone = recorder(proxy.url(url), {
      closeTimeoutMs: 500,
      pool: { connectTimeoutMs: 2_000 },
      log: { info: () => {}, warn: (m: unknown) => warnings.push(String(m)) },
    });
    await settled(gone);
    await proxy.down();
    gone.recordAnswer(answer());
    const started = performance.now();
    await gone.close();
    expect(performance.now() - started).toBeLessThan(2_500);
    expect(warnings.join("\n")).toMatch(/1 records could not be written before stop/);
  });
});
