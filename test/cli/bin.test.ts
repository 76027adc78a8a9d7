/**
 * The built bin (dist/cli/main.js) in a child process, for what only a real process shows: that
 * a shell runs it, its exit codes, stdin as a pipe, memory bounded by Node's own limit, and a
 * cold start that loads no more than answering needs. Everything else about the command line
 * runs in process (cli.test.ts).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempFile } from "../helpers/tmp.js";
import { CLI, ROOT, spawnCli } from "./helpers.js";

describe("the built bin", () => {
  it("runs as a shell runs it, after `npm run build` (the test run's global setup)", () => {
    // Not through node: the file itself, as npx and a user's PATH run it (needs the execute bit).
    const run = spawnSync("sh", ["-c", `"${CLI}" --version`], {
      cwd: path.dirname(tempFile("scenario-cli", "x")),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(run.status).toBe(0);
  });

  it.each([
    ["an answer", ["ask", "mobile app calling an API"], {}, 0],
    ["bad settings", ["ask", "x"], { DOCS_BASE_URL: "not a url" }, 1],
    ["a usage error", ["frob"], {}, 2],
    // The database's folder cannot be made: its parent is the bin itself, a file.
    [
      "a record not written",
      ["ask", "--record", "mobile app"],
      { DATABASE_PATH: `${CLI}/r.db` },
      3,
    ],
  ])("exits with the documented code on %s", (_what, args, env, code) => {
    expect(spawnCli(args, { env }).code).toBe(code);
  });

  it("batch mode: one JSON object per piped line, in order, nothing else on stdout", () => {
    const input = "mobile app calling an API\nhi\n\nnightly cron job calls our api, no user\n";
    const { code, stdout, stderr } = spawnCli(["ask", "--json"], { input });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const answers = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.query, a.kind, a.match?.id ?? null])).toEqual([
      ["mobile app calling an API", "answer", "mobile-api"],
      ["hi", "greeting", null],
      ["", "help", null],
      ["nightly cron job calls our api, no user", "answer", "server-api"],
    ]);
  });

  it("batch mode: a 30 MB line is read to Slack's limit, in bounded memory", () => {
    const input = `${"mobile app calling our API ".repeat(1_100_000)}\nlist\n`;
    // The CLI answers in about 20 MB of heap; held whole (as readline did), the line alone
    // would take all of it.
    const env = { NODE_OPTIONS: "--max-old-space-size=32" };
    const { code, stdout, stderr } = spawnCli(["ask", "--json"], { input, env });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [long, list] = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(long.query.length).toBeLessThanOrEqual(8_000);
    expect(long.match.id).toBe("mobile-api");
    expect(list.kind).toBe("list");
  });

  it("a cold `ask` loads neither Bolt nor a database driver", () => {
    const { code, stdout, stderr } = spawnCli(["ask", "mobile app calling an API"], {
      nodeArgs: ["--require", path.join(ROOT, "test/helpers/trace-require.cjs")],
    });
    expect(code).toBe(0);
    expect(stdout).toContain("mobile-api");
    const line = stderr.split("\n").find((l) => l.startsWith("LOADED "));
    const loaded: string[] = JSON.parse(line?.slice("LOADED ".length) ?? "[]");
    expect(loaded.length).toBeGreaterThan(0);
    const packages = ["@slack", "better-sqlite3", "pg"].map(
      (p) => `node_modules${path.sep}${p}${path.sep}`,
    );
    expect(loaded.filter((file) => packages.some((p) => file.includes(p)))).toEqual([]);
  });
});
