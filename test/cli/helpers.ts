/**
 * The command line for the tests: `cli` runs it in this process, through `run(argv, io)` as the
 * bin does, with its own streams; `spawnCli` runs the built bin (dist) in a child process, for
 * what only a real process shows. Both start from an environment without the developer's
 * settings and in a folder without a ./.env.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { run } from "../../src/cli/main.js";
import { tempDir } from "../helpers/tmp.js";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CLI = path.join(ROOT, "dist/cli/main.js");

export interface CliOptions {
  /** What stdin holds (a pipe that ends after it); nothing by default. */
  input?: string;
  env?: Record<string, string>;
  /** The working folder: an empty one of its own by default (no ./.env). */
  cwd?: string;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let emptyCwd: string | undefined;
function cwdOf(options: CliOptions): string {
  if (options.cwd !== undefined) return options.cwd;
  emptyCwd ??= tempDir("scenario-cli");
  return emptyCwd;
}

/** `scenario-bot ...args` in this process. */
export async function cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdin = new PassThrough();
  stdin.end(options.input ?? "");
  let stdout = "";
  let stderr = "";
  const code = await run(args, {
    stdin,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { ...options.env },
    cwd: cwdOf(options),
    stopped: () => new Promise<void>(() => {}),
  });
  return { code, stdout, stderr };
}

/** `scenario-bot ...args` as a child process of the built bin, its stdin a pipe. */
export function spawnCli(
  args: string[],
  options: CliOptions & { nodeArgs?: string[] } = {},
): CliResult {
  // The developer's own settings must not leak into the tests.
  const env = { ...process.env };
  delete env.SCENARIOS_DIR;
  delete env.DOCS_BASE_URL;
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  delete env.RECORD_QUESTIONS;
  Object.assign(env, options.env);
  const child = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: cwdOf(options),
    encoding: "utf8",
    input: options.input ?? "",
    env,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}
