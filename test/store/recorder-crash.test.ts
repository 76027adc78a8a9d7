/**
 * The SQLite recorder of the build (dist), in a child process killed while it writes: no record
 * it counted as written is lost. The rest of the recorder is tested in process (recorder.test.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { tempDb, track } from "./helpers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("SqliteRecorder in a process killed mid-write", () => {
  it("loses no committed record when the process is killed", async () => {
    const file = tempDb();
    const script = `
      import { SqliteRecorder } from ${JSON.stringify(path.join(ROOT, "dist/store/sqlite-recorder.js"))};
      const rec = new SqliteRecorder({ databasePath: process.argv[1], retentionDays: 90, salt: "s",
        log: { info() {}, warn() {} } });
      // Three answers a turn, committed together when it ends; reported once stats() counts them.
      for (let turn = 0; ; turn++) {
        const ids = [0, 1, 2].map((k) => "answer-" + (turn * 3 + k));
        for (const id of ids) {
          rec.recordAnswer({ id, workspaceId: "T", surface: "dm", userId: "U", question: id,
            scenarioId: null, score: 0, alternatives: [] });
        }
        await new Promise((r) => setImmediate(r));
        if (rec.stats().written === (turn + 1) * 3) process.stdout.write(ids.join("\\n") + "\\n");
      }`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script, file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const reported: string[] = [];
    await new Promise<void>((resolve) => {
      let buffer = "";
      child.stdout.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        reported.push(...lines);
        if (reported.length >= 200 && !child.killed) {
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on("exit", resolve));

    const db = track(new Database(file, { readonly: true }));
    const stored = new Set(
      (db.prepare("SELECT id FROM answers").all() as Array<{ id: string }>).map((r) => r.id),
    );
    expect(reported.length).toBeGreaterThanOrEqual(200);
    expect(reported.filter((id) => !stored.has(id))).toEqual([]);
  });
});
