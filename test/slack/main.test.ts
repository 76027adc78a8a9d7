/**
 * Start-up and shutdown: in process through server.ts, and as `npm start` runs it, by spawning
 * the built dist/slack/main.js (built by the global setup) against the fake Slack.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import type { Installation } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  logUnhandledRejections,
  start,
  startupErrorMessage,
  stopOnSignals,
} from "../../src/slack/server.js";
import { createInstallationStore } from "../../src/store/open-store.js";
import { cardFields, cardsDir, cardText } from "../helpers/cards.js";
import { tempDir, tempFile } from "../helpers/tmp.js";
import { FakeSlack } from "./helpers/fake-slack.js";
import { MemoryLogger } from "./helpers/logger.js";
import { eventBody, postSigned, SIGNING_SECRET } from "./helpers/signed.js";

const MAIN = path.resolve(import.meta.dirname, "../../dist/slack/main.js");
const BOT_TOKEN = "xoxb-secret-bot-token";
const slack = new FakeSlack();

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.close();
});

const httpEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  PORT: "0",
  // Records go to a temporary folder, never into the working tree.
  DATABASE_PATH: tempFile("advisor-db", "records.db"),
  ...extra,
});

async function startupError(env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const running = await start(env, { host: "127.0.0.1", logger: new MemoryLogger() });
    await running.stop();
  } catch (error) {
    return startupErrorMessage(error);
  }
  throw new Error("start-up should have failed");
}

describe("start (in process)", () => {
  it("a missing setting stops start-up with its name and where to find it", async () => {
    const message = await startupError({ SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(message).toContain(
      "SLACK_SIGNING_SECRET is missing: Basic Information → App Credentials",
    );
    expect(message).not.toContain(BOT_TOKEN);
  });

  it("a key that opens none of the stored installations stops start-up, naming the variable", async () => {
    const databasePath = tempFile("advisor-db", "records.db");
    const recording = { enabled: false, retentionDays: 90, databasePath };
    const sealedWith = randomBytes(32);
    const store = createInstallationStore(recording, sealedWith, new MemoryLogger());
    await store.storeInstallation({
      team: { id: "T1" },
      enterprise: undefined,
      isEnterpriseInstall: false,
      user: { id: "U1", token: undefined, scopes: undefined },
      bot: { id: "B1", userId: "UBOT", scopes: [], token: "xoxb-T1" },
    } as Installation<"v2", false>);
    await store.close();
    const oauthEnv = (key: Buffer, previous?: Buffer) =>
      httpEnv({
        SLACK_BOT_TOKEN: undefined,
        SLACK_CLIENT_ID: "1234567890.0987654321",
        SLACK_CLIENT_SECRET: "abcdef0123456789abcdef0123456789",
        SLACK_STATE_SECRET: "state-secret-of-some-length",
        INSTALLATION_ENCRYPTION_KEY: key.toString("base64"),
        ...(previous && { INSTALLATION_ENCRYPTION_KEY_PREVIOUS: previous.toString("base64") }),
        DATABASE_PATH: databasePath,
      });
    const other = randomBytes(32);
    const message = await startupError(oauthEnv(other));
    expect(message).toContain(
      "INSTALLATION_ENCRYPTION_KEY opens none of the 1 stored installations",
    );
    expect(message).not.toContain(other.toString("base64"));
    // The old key as the previous one: it starts.
    const running = await start(oauthEnv(other, sealedWith), {
      host: "127.0.0.1",
      logger: new MemoryLogger(),
    });
    await running.stop();
  });

  it("a bad scenarios directory stops start-up with the loader's message", async () => {
    const dir = cardsDir({ "broken.md": cardText(cardFields("broken", { status: "draft" })) });
    const message = await startupError(httpEnv({ SCENARIOS_DIR: dir }));
    expect(message).toContain("a scenario card is invalid");
    expect(message).toContain(`${path.join(dir, "broken.md")}: status:`);
  });

  it("a bot token Slack rejects stops start-up, naming the variable but not its value", async () => {
    slack.fail("auth.test", "ok:false", "invalid_auth");
    try {
      const message = await startupError(httpEnv());
      expect(message).toContain(
        "SLACK_BOT_TOKEN was rejected by Slack (invalid_auth): OAuth & Permissions",
      );
      expect(message).not.toContain(BOT_TOKEN);
    } finally {
      slack.reset();
    }
  });
});

describe("start in Socket Mode (in process)", () => {
  it("is chosen when SLACK_APP_TOKEN is set, and needs no signing secret", async () => {
    // A rejected app-level token is the one way to see Socket Mode start without a WebSocket.
    slack.fail("apps.connections.open", "ok:false", "invalid_auth");
    try {
      const message = await startupError({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: "xapp-secret-app-token",
        SLACK_API_URL: slack.apiUrl,
        RECORD_QUESTIONS: "false",
        HEALTH_PORT: "0",
      });
      expect(slack.calls.map((c) => c.method)).toEqual(["auth.test", "apps.connections.open"]);
      expect(message).toContain(
        "SLACK_APP_TOKEN was rejected by Slack (invalid_auth): Basic Information → App-Level Tokens",
      );
      expect(message).not.toContain("xapp-secret-app-token");
    } finally {
      slack.reset();
    }
  });

  it("an unreachable Web API stops start-up with a pointer to SLACK_API_URL", async () => {
    const message = await startupError(httpEnv({ SLACK_API_URL: "http://127.0.0.1:1/api/" }));
    expect(message).toContain("Slack's Web API is unreachable");
    expect(message).toContain("SLACK_API_URL");
  });
});

describe("stopOnSignals", () => {
  function harness(stop: () => Promise<void>) {
    const signals = new EventEmitter();
    const exits: number[] = [];
    const exited = new Promise<number>((resolve) => {
      stopOnSignals(
        { stop, logger: new MemoryLogger() },
        {
          signals,
          exit: (code) => {
            exits.push(code);
            resolve(code);
          },
        },
      );
    });
    return { signals, exits, exited };
  }

  it.each(["SIGTERM", "SIGINT"])("%s stops the app, then exits 0", async (signal) => {
    let stopped = 0;
    const { signals, exited } = harness(async () => {
      stopped += 1;
    });
    signals.emit(signal, signal);
    expect(await exited).toBe(0);
    expect(stopped).toBe(1);
  });

  it("a second signal while stopping exits 1 at once", async () => {
    const { signals, exits } = harness(() => new Promise<void>(() => {}));
    signals.emit("SIGTERM", "SIGTERM");
    signals.emit("SIGINT", "SIGINT");
    expect(exits).toEqual([1]);
  });

  it("a failed stop exits 1", async () => {
    const { signals, exited } = harness(() => Promise.reject(new Error("nope")));
    signals.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(1);
  });
});

describe("logUnhandledRejections", () => {
  it("logs each in one line, with no value it carries, and leaves the process running", () => {
    const target = new EventEmitter();
    const logger = new MemoryLogger();
    logUnhandledRejections(logger, target);
    const error = new TypeError("Cannot read properties of null (reading 'ssl_check')");
    error.stack = `${error.message}\n    at handleIncomingEvent (HTTPReceiver.js:345:22)`;
    target.emit("unhandledRejection", error);
    target.emit("unhandledRejection", "xoxb-a-token-someone-rejected-with");
    target.emit("unhandledRejection", null);
    expect(logger.errors()).toEqual([
      "Unhandled promise rejection, kept serving: Cannot read properties of null (reading 'ssl_check')",
      "Unhandled promise rejection, kept serving: a rejection with a string",
      "Unhandled promise rejection, kept serving: a rejection with null",
    ]);
  });
});

// ---------------------------------------------------------------- the real process

interface Spawned {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process exits first. */
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exitCode: Promise<number | null>;
}

// Every app a test starts, so that one left running by a failed assertion is stopped.
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  children.clear();
});

function spawnMain(env: NodeJS.ProcessEnv, cwd = tempDir("advisor")): Spawned {
  // Only what the test gives: nothing inherited from this shell's environment.
  const child = spawn(process.execPath, [MAIN], { cwd, env: { PATH: process.env.PATH, ...env } });
  children.add(child);
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exitCode = once(child, "exit").then(([code]) => code as number | null);
  return {
    child,
    output: () => output,
    exitCode,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exitCode.then(() => reject(new Error(`exited before ${pattern}:\n${output}`)));
      }),
  };
}

describe("npm start (dist/slack/main.js)", () => {
  it("exits 1 on missing settings, naming each one and where to find it", async () => {
    const run = spawnMain({});
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain("SLACK_BOT_TOKEN is missing: OAuth & Permissions");
    expect(run.output()).toContain("SLACK_SIGNING_SECRET is missing: Basic Information");
  });

  it("exits 1 on malformed settings without printing any value", async () => {
    const run = spawnMain({
      SLACK_BOT_TOKEN: "xoxp-SECRET-A",
      SLACK_SIGNING_SECRET: "SECRET-B",
      SLACK_APP_TOKEN: "SECRET-C",
    });
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain("SLACK_BOT_TOKEN is malformed");
    expect(run.output()).not.toContain("SECRET-");
  });

  it("exits 1 on a bad scenarios directory, with the loader's message", async () => {
    const dir = cardsDir({ "x.md": "no front matter" });
    const run = spawnMain(httpEnv({ SCENARIOS_DIR: dir }));
    expect(await run.exitCode).toBe(1);
    expect(run.output()).toContain(path.join(dir, "x.md"));
  });

  it.each(["SIGTERM", "SIGINT"] as const)(
    "reads ./.env, serves /healthz, and stops cleanly on %s",
    async (signal) => {
      const cwd = tempDir("advisor");
      const env = httpEnv();
      writeFileSync(
        path.join(cwd, ".env"),
        Object.entries(env)
          .map(([key, value]) => `${key}=${value}`)
          .join("\n"),
      );
      const run = spawnMain({}, cwd);
      const [, port] = await run.waitFor(/running on port (\d+)/);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });

      run.child.kill(signal);
      // 0 only comes from a completed stop; the grace-period deadline exits 1.
      expect(await run.exitCode).toBe(0);
      expect(run.output()).toContain(`${signal}: stopping`);
      expect(run.output()).not.toContain(BOT_TOKEN);
      expect(run.output()).not.toContain(SIGNING_SECRET);
    },
  );
});

describe("a request Bolt cannot read (dist/slack/main.js)", () => {
  it.each([
    ["json", "null"],
    ["form", "payload=null"],
  ] as const)(
    "a signed %s body of null gets 400, and the process keeps serving",
    async (kind, body) => {
      const run = spawnMain(httpEnv());
      const [, port] = await run.waitFor(/running on port (\d+)/);
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, kind, body);
      expect(res.status).toBe(400);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      run.child.kill("SIGTERM");
      expect(await run.exitCode).toBe(0);
      // Production logs: one JSON object per line (stdout is not a terminal here).
      const lines = run
        .output()
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line));
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: "warn",
          msg: "Refused a request: the body is not a JSON object",
        }),
      );
      for (const line of lines) expect(line).toHaveProperty("time");
    },
  );
});

describe("Socket Mode (dist/slack/main.js)", () => {
  it("serves /healthz as HTTP mode does, while it cannot connect, and stops cleanly", async () => {
    // The fake's apps.connections.open gives no WebSocket URL: Bolt logs it and keeps retrying.
    const run = spawnMain({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: "xapp-secret-app-token",
      SLACK_API_URL: slack.apiUrl,
      HEALTH_PORT: "0",
      RECORD_QUESTIONS: "false",
    });
    const [, port] = await run.waitFor(/Serving \/healthz on port (\d+)/);
    await run.waitFor(
      /Socket Mode could not connect: Slack's apps\.connections\.open answered without a WebSocket URL/,
    );
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    // Not connected to Slack: no event can arrive, and health says so.
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({
      status: "unavailable",
      slack: "disconnected",
      scenarios: 9,
      recording: { state: "off", pending: 0, dropped: 0, reopened: 0 },
    });
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`)).status).toBe(404);
    // Metrics on the health port in Socket Mode.
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("scenario_advisor_slack_api_calls_total");

    run.child.kill("SIGTERM");
    expect(await run.exitCode).toBe(0);
    expect(run.output()).not.toContain("xapp-secret-app-token");
    expect(run.output()).not.toContain("[object Object]");
  });
});

/** Whether a TCP connection to host:port is accepted (false: refused, or nothing in 2 s). */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/** This machine's first non-loopback IPv4 address, if it has one. */
const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a?.family === "IPv4" && !a.internal)?.address;
const noOtherAddress =
  otherAddress === undefined ? " (skipped: this machine has no non-loopback IPv4 address)" : "";

describe("HOST (dist/slack/main.js)", () => {
  it.skipIf(otherAddress === undefined)(
    `HOST=127.0.0.1 serves on loopback only, in HTTP mode and on Socket Mode's health port${noOtherAddress}`,
    async () => {
      const other = otherAddress ?? "";
      const http = spawnMain(httpEnv({ HOST: "127.0.0.1" }));
      const [, port] = await http.waitFor(/running on port (\d+)/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await reachable(other, Number(port))).toBe(false);
      http.child.kill("SIGTERM");
      expect(await http.exitCode).toBe(0);

      // The same the other way round: the address is reachable when HOST names it, so its
      // refusal above is HOST's doing, not the network's.
      const there = spawnMain(httpEnv({ HOST: other }));
      const [, otherPort] = await there.waitFor(/running on port (\d+)/);
      expect((await fetch(`http://${other}:${otherPort}/healthz`)).status).toBe(200);
      expect(await reachable("127.0.0.1", Number(otherPort))).toBe(false);
      there.child.kill("SIGTERM");
      expect(await there.exitCode).toBe(0);

      const socket = spawnMain({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: "xapp-secret-app-token",
        SLACK_API_URL: slack.apiUrl,
        HEALTH_PORT: "0",
        RECORD_QUESTIONS: "false",
        HOST: "127.0.0.1",
      });
      const [, healthPort] = await socket.waitFor(/Serving \/healthz on port (\d+)/);
      // 503: not connected (the fake gives no WebSocket URL), but answering on loopback.
      expect((await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status).toBe(503);
      expect(await reachable(other, Number(healthPort))).toBe(false);
      socket.child.kill("SIGTERM");
      expect(await socket.exitCode).toBe(0);
    },
  );
});

describe("the production command: node dist/slack/main.js", () => {
  it("is what npm start runs, and what the README and the set-up guide give", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const read = (file: string) => readFileSync(path.join(root, file), "utf8");
    expect(JSON.parse(read("package.json")).scripts.start).toBe("node dist/slack/main.js");
    for (const doc of ["README.md", "docs/slack-setup.md"]) {
      expect(read(doc)).toMatch(/^ *node dist\/slack\/main\.js +# the production command$/m);
    }
  });

  it("on SIGTERM, finishes the reply in flight, then exits 0", async () => {
    const run = spawnMain(httpEnv());
    const [, port] = await run.waitFor(/running on port (\d+)/);
    const reply = slack.hold("chat.postMessage");
    try {
      const dm = eventBody({
        type: "message",
        channel: "D0000001",
        channel_type: "im",
        user: "U0000001",
        text: "mobile app calling our API",
        ts: "1700000000.000100",
      });
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, "json", dm);
      expect(res.status).toBe(200);
      await reply.arrived;
      run.child.kill("SIGTERM");
      await run.waitFor(/SIGTERM: stopping/);
      // Still draining: the reply is held by the fake Slack.
      expect(run.child.exitCode).toBeNull();
      reply.release();
      // 0 only comes from a completed stop: past the drain time (5 s) it exits 1.
      expect(await run.exitCode).toBe(0);
      expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
      expect(run.output()).toContain('"msg":"Stopped"');
    } finally {
      slack.reset();
    }
  });
});
