/**
 * Group commit against the default, one transaction per event-loop turn (SqliteRecorder's
 * groupCommitMs), on a fresh database in the system's temporary folder (WAL, synchronous=NORMAL,
 * as the app runs). Answers arrive in bursts of 50 (the c=50 load: 50 answered within a few ms),
 * one answer a turn (the default's worst case: each its own transaction), and each mode is timed on
 * the answer path (the recordAnswer call, µs) and in CPU per answer with its commit included
 * (process.cpuUsage over the whole run, so the group's transaction counts too).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SqliteRecorder } from "../src/store/sqlite-recorder.js";
import { benchAnswer, benchLog } from "./answer-record.js";
import { percentile } from "./stats.js";

export interface GroupCommitRow {
  mode: string;
  /** The recordAnswer call on the answer path, µs. */
  callP50Us: number;
  callP99Us: number;
  /** CPU per answer, the commit included, µs. */
  cpuPerAnswerUs: number;
  /** Answers written when the run ended (all of them, or the bench is wrong). */
  written: number;
}

const BURST = 50;

async function run(dir: string, groupCommitMs: number, bursts: number): Promise<GroupCommitRow> {
  const file = path.join(dir, `group-${groupCommitMs}.db`);
  const rec = new SqliteRecorder({
    databasePath: file,
    retentionDays: 90,
    salt: "0".repeat(64),
    groupCommitMs,
    log: benchLog,
  });
  const burst = async (i0: number, samples?: number[]) => {
    for (let i = i0; i < i0 + BURST; i++) {
      const start = process.hrtime.bigint();
      rec.recordAnswer(benchAnswer(i));
      samples?.push(Number(process.hrtime.bigint() - start) / 1000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    // The next burst comes after the group's commit, as the next few ms of a load would.
    await sleep(groupCommitMs + 1);
  };
  for (let b = 0; b < bursts / 10; b++) await burst(-BURST * (b + 1)); // warm-up, untimed
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let b = 0; b < bursts; b++) await burst(b * BURST, samples);
  rec.flush();
  const used = process.cpuUsage(cpu);
  const written = (await rec.read("counting", (sql) =>
    sql.all<{ n: number }>("SELECT COUNT(*) AS n FROM answers"),
  )) ?? [{ n: 0 }];
  await rec.close();
  const sorted = samples.sort((a, b) => a - b);
  return {
    mode:
      groupCommitMs === 0
        ? "one transaction per turn (default)"
        : `group commit, ${groupCommitMs} ms`,
    callP50Us: percentile(sorted, 50),
    callP99Us: percentile(sorted, 99),
    cpuPerAnswerUs: (used.user + used.system) / (bursts * BURST),
    written: (written[0]?.n ?? 0) - (bursts / 10) * BURST,
  };
}

/** Both modes, interleaved over `rounds` so that the machine's noise falls on each alike. */
export async function benchGroupCommit(bursts = 200, rounds = 3): Promise<GroupCommitRow[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "group-commit-"));
  try {
    const byMode = new Map<number, GroupCommitRow[]>();
    for (let r = 0; r < rounds; r++) {
      for (const ms of [0, 2, 5]) {
        const row = await run(path.join(dir), ms, bursts);
        rmSync(path.join(dir, `group-${ms}.db`), { force: true });
        for (const suffix of ["-wal", "-shm"]) {
          rmSync(path.join(dir, `group-${ms}.db${suffix}`), { force: true });
        }
        byMode.set(ms, [...(byMode.get(ms) ?? []), row]);
      }
    }
    // The median round of each mode, by CPU per answer.
    return [...byMode.values()].map((rows) => {
      const sorted = [...rows].sort((a, b) => a.cpuPerAnswerUs - b.cpuPerAnswerUs);
      return sorted[Math.floor(sorted.length / 2)] as GroupCommitRow;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderGroupCommit(rows: readonly GroupCommitRow[]): string {
  const lines = [
    "",
    `Recording (SQLite), answers in bursts of ${BURST}, one a turn: median of 3 interleaved rounds`,
    "| mode | recordAnswer p50 µs | p99 µs | CPU per answer, commit included, µs | written |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.mode} | ${r.callP50Us.toFixed(1)} | ${r.callP99Us.toFixed(1)} | ${r.cpuPerAnswerUs.toFixed(1)} | ${r.written} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

// Run on its own: node build/bench/group-commit.js
if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(renderGroupCommit(await benchGroupCommit()));
}
