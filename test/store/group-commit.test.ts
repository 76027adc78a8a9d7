import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SqliteRecorder } from "../../src/store/sqlite-recorder.js";
import { tempDir } from "../helpers/tmp.js";
import { answer, endOfTurn, silent } from "./helpers.js";

const dir = tempDir("scenario-group");
let files = 0;
const open: Array<{ close(): unknown }> = [];
afterEach(() => {
  for (const x of open.splice(0).reverse()) x.close();
});

function setUp(extra: { groupCommitMs: number; groupCommitBatch?: number }) {
  const file = path.join(dir, `group-${++files}.db`);
  const rec = new SqliteRecorder({
    databasePath: file,
    retentionDays: 90,
    salt: "s",
    log: silent,
    ...extra,
  });
  open.push(rec);
  const reader = new Database(file, { readonly: true });
  open.push(reader);
  const count = () => reader.prepare("SELECT COUNT(*) FROM answers").pluck().get();
  return { rec, count };
}

describe("group commit", () => {
  it("holds answers until the interval ends, says ok meanwhile, then commits them together", async () => {
    const { rec, count } = setUp({ groupCommitMs: 5 });
    for (const a of [answer(), answer(), answer()]) rec.recordAnswer(a);
    await endOfTurn();
    expect(count()).toBe(0);
    expect(rec.health()).toEqual({ state: "ok", pending: 3, dropped: 0 });
    await vi.waitFor(() => expect(count()).toBe(3));
    expect(rec.health()).toEqual({ state: "ok", pending: 0, dropped: 0 });
  });

  it("commits at once when a batch is full", () => {
    const { rec, count } = setUp({ groupCommitMs: 60_000, groupCommitBatch: 3 });
    rec.recordAnswer(answer());
    rec.recordAnswer(answer());
    expect(count()).toBe(0);
    rec.recordAnswer(answer());
    expect(count()).toBe(3);
  });

  it("writes what waits on close", () => {
    const { rec, count } = setUp({ groupCommitMs: 60_000 });
    rec.recordAnswer(answer());
    rec.recordFeedback("no-such-answer", { kind: "helpful", workspaceId: null, userId: null });
    rec.close();
    expect(count()).toBe(1);
  });

  it("is off by default: the answers of one turn are committed when it ends", async () => {
    const { rec, count } = setUp({ groupCommitMs: 0 });
    rec.recordAnswer(answer());
    rec.recordAnswer(answer());
    expect(count()).toBe(0);
    await endOfTurn();
    expect(count()).toBe(2);
  });
});
