/**
 * §3: signed slash commands and app_mention events against an app in HTTP mode, over loopback
 * with keep-alive, a fixed number of requests at a fixed concurrency.
 */

import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { signatureHeaders } from "../test/slack/helpers/signed.js";
import type { LoopDelay } from "./apps/loop-delay.js";
import type { RunningApp } from "./cold-start.js";
import type { FakeWebApi } from "./fake-slack.js";
import { procMemoryMB } from "./processes.js";
import { BENCH_SIGNING_SECRET, mentionBody, slashCommandBody } from "./slack-requests.js";
import { type LatencySummary, summarize } from "./stats.js";

export type Kind = "command" | "mention";

export interface LoadResult {
  app: string;
  kind: Kind;
  concurrency: number;
  /** Which repetition of this load (1…ROUNDS[concurrency]); the apps take turns in each. */
  round: number;
  requests: number;
  errors: number;
  /** Completed requests per second of wall time. */
  throughput: number;
  /** command: until the ack (HTTP response); mention: until the fake's chat.postMessage. */
  latencyMs: LatencySummary;
  /** The app process's CPU time (user + system) per request, ms: independent of the client. */
  cpuMsPerRequest: number;
  /** The app's resident memory right after this load, and its peak so far, MB. */
  rssAfterMB: number;
  peakRssMB: number;
  /** The app's event-loop delay during the timed load (monitorEventLoopDelay), ms. */
  loopDelay?: LoopDelay;
}

export const PLAN: readonly { kind: Kind; concurrency: number; requests: number }[] = [
  { kind: "command", concurrency: 1, requests: 500 },
  { kind: "command", concurrency: 50, requests: 3_000 },
  { kind: "mention", concurrency: 1, requests: 300 },
  { kind: "mention", concurrency: 50, requests: 1_500 },
];
const WARMUP = { requests: 300, concurrency: 10 };
/**
 * How many times each load runs. The c=50 figures swing between runs of the bench (the load
 * generator shares the two cores with the app): each is measured in several rounds, the apps
 * taking turns within a round, and the report gives the median ratio and its spread.
 */
export const ROUNDS: Readonly<Record<number, number>> = { 1: 1, 50: 5 };

/** Sends `message` over the app's IPC channel and resolves to its loop-delay answer. */
function askLoopDelay(child: ChildProcess, message: string): Promise<LoopDelay | undefined> {
  if (child.send === undefined || !child.connected) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), 2_000);
    const onMessage = (reply: unknown) => {
      const delay = (reply as { loopDelay?: LoopDelay | "reset" } | null)?.loopDelay;
      if (delay !== undefined) done(delay === "reset" ? undefined : delay);
    };
    const done = (value: LoopDelay | undefined) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(value);
    };
    child.on("message", onMessage);
    child.send?.(message);
  });
}

interface Prepared {
  body: string;
  headers: Record<string, string>;
  /** For a mention: the ts the reply threads under. */
  ts?: string;
}

let mentionCounter = 0;

/**
 * Requests built and signed ahead of time, so that the client spends as little CPU as possible
 * while timing: on two cores it shares the machine with the app under test.
 */
function prepare(
  kind: Kind,
  count: number,
  questions: readonly string[],
  responseUrl: string,
): Prepared[] {
  return Array.from({ length: count }, (_, i) => {
    const question = questions[i % questions.length] as string;
    const ts = `1700000000.${String(++mentionCounter).padStart(6, "0")}`;
    const body =
      kind === "command" ? slashCommandBody(question, responseUrl) : mentionBody(question, ts);
    const headers = {
      "content-type": kind === "command" ? "application/x-www-form-urlencoded" : "application/json",
      "content-length": String(Buffer.byteLength(body)),
      ...signatureHeaders(body, { secret: BENCH_SIGNING_SECRET }),
    };
    return kind === "command" ? { body, headers } : { body, headers, ts };
  });
}

function post(
  agent: Agent,
  port: number,
  { body, headers }: Prepared,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const options = {
      host: "127.0.0.1",
      port,
      path: "/slack/events",
      method: "POST",
      agent,
      headers,
    };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** One request, resolved when it is done; throws when the app got it wrong. */
async function send(
  agent: Agent,
  port: number,
  fake: FakeWebApi,
  prepared: Prepared,
): Promise<void> {
  if (prepared.ts === undefined) {
    const { status, text } = await post(agent, port, prepared);
    if (status !== 200 || !text.includes('"blocks"')) throw new Error(`command: HTTP ${status}`);
    return;
  }
  const reply = fake.replyTo(prepared.ts);
  const { status } = await post(agent, port, prepared);
  if (status !== 200) throw new Error(`mention: HTTP ${status}`);
  await reply;
}

/** All `requests`, `concurrency` at a time; per-request latency in ms. */
async function drive(
  requests: readonly Prepared[],
  concurrency: number,
  run: (r: Prepared) => Promise<void>,
) {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const prepared = requests[next++] as Prepared;
      const t0 = performance.now();
      try {
        await run(prepared);
        samples.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { seconds: (performance.now() - t0) / 1000, samples, errors };
}

/** CPU seconds (utime + stime) a process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  // Fields after the ")" that closes the command name; utime and stime are the 12th and 13th.
  const fields =
    readFileSync(`/proc/${pid}/stat`, "utf8").split(")").at(-1)?.trim().split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

export interface AppUnderLoad {
  name: string;
  app: RunningApp;
  /** Only these kinds of request (all by default). */
  kinds?: readonly Kind[];
}

/**
 * Every step of PLAN against each app in turn (step by step, so that slow drift of the machine
 * affects them alike).
 */
export async function benchHttp(
  apps: readonly AppUnderLoad[],
  fake: FakeWebApi,
  questions: readonly string[],
): Promise<LoadResult[]> {
  // Commands are acked with the answer message itself, so their response_url is never called.
  const responseUrl = fake.apiUrl.replace(/api\/$/, "response/bench");
  const results: LoadResult[] = [];
  for (const { kind, concurrency, requests } of PLAN) {
    for (let round = 1; round <= (ROUNDS[concurrency] ?? 1); round++) {
      // Who goes first alternates between rounds, so neither side always follows the other.
      const order = round % 2 === 1 ? apps : [...apps].reverse();
      for (const { name, app, kinds } of order) {
        if (kinds && !kinds.includes(kind)) continue;
        const pid = app.spawned.child.pid as number;
        const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
        const run = (r: Prepared) => send(agent, app.port, fake, r);
        const warmup = prepare(kind, WARMUP.requests, questions, responseUrl);
        await drive(warmup, Math.min(concurrency, WARMUP.concurrency), run);
        const timed = prepare(kind, requests, questions, responseUrl);
        await askLoopDelay(app.spawned.child, "loop-delay:reset");
        const cpu0 = cpuSeconds(pid);
        const { seconds, samples, errors } = await drive(timed, concurrency, run);
        const cpuMsPerRequest = ((cpuSeconds(pid) - cpu0) * 1000) / requests;
        const loopDelay = await askLoopDelay(app.spawned.child, "loop-delay:read");
        agent.destroy();
        results.push({
          app: name,
          kind,
          concurrency,
          round,
          requests,
          errors,
          throughput: samples.length / seconds,
          latencyMs: summarize(samples),
          cpuMsPerRequest,
          rssAfterMB: procMemoryMB(pid, "VmRSS"),
          peakRssMB: procMemoryMB(pid, "VmHWM"),
          ...(loopDelay && { loopDelay }),
        });
      }
    }
  }
  return results;
}
