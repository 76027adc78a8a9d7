/**
 * What it costs to write an answer's record synchronously, before the reply, so that an answer
 * sent is never an answer lost to a crash (issue: answers in flight at a crash). Not part of
 * `npm test` nor `npm run bench`:
 *
 *   npm run build && npx tsc -p tsconfig.bench.json && node build/bench/record-write.js [count]
 *
 * Times, one call at a time, on a fresh database in the system's temporary folder (WAL,
 * synchronous=NORMAL, as the app runs): the prepared INSERT alone, the stat() that checks the
 * database file is still there, and SqliteRecorder.recordAnswer as the app calls it with the
 * commit that ends its turn (hash, JSON, file check, INSERT, commit).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../src/store/database.js";
import { SqliteRecorder } from "../src/store/sqlite-recorder.js";
import { benchAnswer, benchLog } from "./answer-record.js";
import { type LatencySummary, percentile, summarize } from "./stats.js";

const count = Number(process.argv[2] ?? 20_000);
const dir = mkdtempSync(path.join(tmpdir(), "record-write-"));

type Timing = LatencySummary & { p999: number; overOneMs: number };

/** Per-call µs of `fn(i)` for i in [0, count), after count/10 untimed calls. */
function time(fn: (i: number) => unknown): Timing {
  for (let i = 0; i < count / 10; i++) fn(i);
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  const sorted = samples.sort((a, b) => a - b);
  const overOneMs = sorted.filter((us) => us > 1000).length / count;
  return { ...summarize(sorted), p999: percentile(sorted, 99.9), overOneMs };
}

const file = path.join(dir, "raw.db");
const db = openDatabase(file);
const insert = db.prepare(
  `INSERT INTO answers (id, created_at, workspace_id, surface, user_hash, question, scenario_id, score, alternatives)
   VALUES (?, ?, ?, 'command', ?, ?, ?, ?, ?)`,
);
const rows: Record<string, Timing> = {};
rows["prepared INSERT (autocommit)"] = time((i) =>
  insert.run(randomUUID(), Date.now(), "T1", "h".repeat(64), `q${i}`, "spa-api", 0.4, "[]"),
);
rows["stat() of the database file"] = time(() => statSync(file, { bigint: true }));
db.close();

const recorder = new SqliteRecorder({
  databasePath: path.join(dir, "recorder.db"),
  retentionDays: 90,
  salt: { file: path.join(dir, "recorder.db.salt") },
  log: benchLog,
});
// The answer queued, then committed as the end of its turn would (one answer a turn).
rows["recordAnswer + its commit"] = time((i) => {
  recorder.recordAnswer(benchAnswer(i));
  recorder.flush();
});
const { state, pending } = recorder.health();
recorder.close();
rmSync(dir, { recursive: true });

const fmt = (us: number) => us.toFixed(1).padStart(9);
console.log(
  `${count} calls each, µs per call; recorder health after: ${state}, ${pending} pending`,
);
const head = ["p50", "p99", "p99.9", "mean", "max", "> 1 ms"].map((h) => h.padStart(9)).join("");
console.log(`${"".padEnd(30)}${head}`);
for (const [name, s] of Object.entries(rows)) {
  const figures = [s.p50, s.p99, s.p999, s.mean, s.max].map(fmt).join("");
  console.log(`${name.padEnd(30)}${figures}${`${(s.overOneMs * 100).toFixed(2)} %`.padStart(9)}`);
}
