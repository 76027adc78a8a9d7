/** §2: the CLI's cold answer, and the Slack app's time to /healthz 200 and RSS. */
import { once } from "node:events";
import path from "node:path";
import {
  freePort,
  procMemoryMB,
  SCENARIOS_DIR,
  type Spawned,
  spawnNode,
  stop,
  waitForHealth,
} from "./processes.js";
import { BENCH_BOT_TOKEN, BENCH_SIGNING_SECRET } from "./slack-requests.js";
import { median } from "./stats.js";

export const CLI = "dist/cli/main.js";
const QUESTION = "mobile app calling an API";

export interface CliColdStart {
  runs: number;
  /** Spawn to the first byte of the answer on stdout, ms. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** CommonJS modules loaded by `ask`, and how many of them are Slack's (Bolt and its SDKs). */
  cjsModules: number;
  slackModules: number;
  /** …and from the SQLite driver, which only `--record` needs. */
  sqliteModules: number;
}

async function firstAnswerMs(): Promise<number> {
  const spawned = spawnNode(CLI, ["ask", QUESTION], {});
  const exited = once(spawned.child, "exit");
  const failed = () => new Error(`scenario-bot ask failed:\n${spawned.output()}`);
  const chunk = await new Promise<Buffer>((resolve, reject) => {
    spawned.child.stdout?.once("data", resolve);
    spawned.child.once("exit", () => reject(failed()));
  });
  const ms = performance.now() - spawned.spawnedAt;
  const [code] = await exited;
  if (code !== 0 || !chunk.toString().includes("mobile-api")) throw failed();
  return ms;
}

// Run once with a hook that lists require.cache at exit: Bolt is CommonJS, so if `ask` loaded
// it, even through an ESM import, its files are there. (Not in the timed runs: it adds work.)
const LIST_CJS = `data:text/javascript,import{createRequire}from"node:module";const r=createRequire(process.cwd()+"/");process.on("exit",()=>process.stderr.write("CJS "+JSON.stringify(Object.keys(r.cache))+"\\n"))`;

async function loadedModules(): Promise<string[]> {
  const spawned = spawnNode(CLI, ["ask", QUESTION], {}, ["--import", LIST_CJS]);
  await once(spawned.child, "exit");
  const line = spawned
    .output()
    .split("\n")
    .find((l) => l.startsWith("CJS "));
  if (line === undefined) throw new Error(`no module list from the CLI:\n${spawned.output()}`);
  return JSON.parse(line.slice(4)) as string[];
}

export async function benchCliColdStart(runs = 10): Promise<CliColdStart> {
  await firstAnswerMs(); // untimed: fills the OS file cache, as any second run would find it
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await firstAnswerMs());
  const modules = await loadedModules();
  return {
    runs,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    cjsModules: modules.length,
    slackModules: modules.filter((file) => file.includes(`${path.sep}@slack${path.sep}`)).length,
    sqliteModules: modules.filter((file) => file.includes(`${path.sep}better-sqlite3${path.sep}`))
      .length,
  };
}

export interface RunningApp {
  spawned: Spawned;
  port: number;
}

export interface AppStart {
  runs: number;
  /** Spawn to the first GET /healthz 200, ms. */
  medianMs: number;
  /** Resident memory right after /healthz answered, MB (median of the runs). */
  rssMB: number;
}

/** Starts an app entry in HTTP mode against the fake Web API; resolves once /healthz says 200. */
export async function startApp(
  entry: string,
  slackApiUrl: string,
  env: Record<string, string> = {},
): Promise<RunningApp & { readyMs: number; rssMB: number }> {
  const port = await freePort();
  const spawned = spawnNode(
    entry,
    [],
    {
      SLACK_BOT_TOKEN: BENCH_BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: slackApiUrl,
      PORT: String(port),
      SCENARIOS_DIR,
      ...env,
    },
    process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [],
    true,
  );
  const readyMs = await waitForHealth(spawned, port);
  return { spawned, port, readyMs, rssMB: procMemoryMB(spawned.child.pid as number, "VmRSS") };
}

/** `runs` cold starts of an app; the last one is left running for the HTTP section. */
export async function benchAppStart(
  entry: string,
  slackApiUrl: string,
  runs = 5,
): Promise<{ start: AppStart; running: RunningApp }> {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; ; i++) {
    const app = await startApp(entry, slackApiUrl);
    times.push(app.readyMs);
    rss.push(app.rssMB);
    if (i === runs - 1) {
      return { start: { runs, medianMs: median(times), rssMB: median(rss) }, running: app };
    }
    await stop(app.spawned);
  }
}
