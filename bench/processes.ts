/** Child processes for the cold-start and HTTP sections: spawn, wait until healthy, measure, stop. */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

/** The package root, from build/bench/ (tsconfig.bench.json compiles the bench there). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * The bundled cards. Named explicitly: the bench's own copy of src (build/src) is one folder
 * deeper than dist, so its default SCENARIOS_DIR would point at build/scenarios.
 */
export const SCENARIOS_DIR = path.join(ROOT, "scenarios");

// An empty working directory, so that no ./.env is picked up by the CLI or the app.
const CLEAN_CWD = mkdtempSync(path.join(tmpdir(), "scenario-bench-"));
// Children still running when the bench exits (it failed half-way) must not outlive it.
const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
  rmSync(CLEAN_CWD, { recursive: true, force: true });
});

export interface Spawned {
  child: ChildProcess;
  /** performance.now() just before spawning. */
  spawnedAt: number;
  /** Everything written to stdout and stderr so far, for error messages. */
  output: () => string;
}

/**
 * `node [nodeArgs] script [args]` with only PATH and `env` in its environment; with `ipc`, an
 * IPC channel too (the apps under test report their event-loop delay over it).
 */
export function spawnNode(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
  ipc = false,
): Spawned {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script), ...args], {
    cwd: CLEAN_CWD,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-64_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, spawnedAt, output: () => output };
}

/** A port nobody listens on right now (the OS picks it; the bench alone uses loopback). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function healthStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path: "/healthz", agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
  });
}

/** Polls GET /healthz every 2 ms; resolves to ms from spawn to the first 200. */
export async function waitForHealth(
  { child, spawnedAt, output }: Spawned,
  port: number,
  timeoutMs = 15_000,
): Promise<number> {
  while (performance.now() - spawnedAt < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`process exited (${child.exitCode}):\n${output()}`);
    if ((await healthStatus(port)) === 200) return performance.now() - spawnedAt;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`no /healthz 200 within ${timeoutMs} ms:\n${output()}`);
}

/** A field of /proc/<pid>/status in MB: VmRSS (resident now) or VmHWM (peak resident). */
export function procMemoryMB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
  if (kb === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
export async function stop({ child }: Spawned): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}
