#!/usr/bin/env node
/**
 * `scenario-bot`: the recommender without Slack. Exit codes: 0 done, 1 failed (bad settings,
 * bad cards, unreadable file), 2 usage error, 3 `ask --record` answered but could not write
 * every record before exit. Answers go to stdout; everything else to stderr.
 * This file must not import Bolt: `ask` has to answer cold in well under 300 ms.
 *
 * `run(argv, io)` is the whole command line, with its streams, environment and working folder
 * as parameters and the exit code as its result (the tests call it in process); run as a
 * program, this file is the bin and calls it with the process's own.
 */
// First: refuse an unsupported Node.js before anything loads a native module.
import "../config/node-version.js";
import { readFileSync, realpathSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { questionFromPlainText, questionFromSlack, RAW_MAX_CHARS } from "../answer/question.js";
import { recordReply, replyTo } from "../answer/reply.js";
import { docsUrl } from "../catalog/urls.js";
import { loadDotEnv, loadSettings } from "../config/settings.js";
import { evaluate, parseEvalCases } from "../policy/evaluate.js";
import { loadCatalogFromEnv, loadContext } from "./context.js";
import { cutLines } from "./lines.js";
import { listText, renderEvalReport, renderReply, toJsonReply } from "./render.js";
import { HELP, USAGE } from "./usage.js";

/** `ask --record` answered, but some records were not written before exit (documented). */
const EXIT_NOT_RECORDED = 3;

/** What the command line reads and writes: the process's own when run as the bin. */
export interface CliIo {
  /** Questions in batch mode and the guide's answers; `isTTY` when it is a terminal. */
  stdin: Readable & { isTTY?: boolean };
  /** Answers. */
  stdout: { write(text: string): unknown };
  /** Everything else: errors, warnings, the guide's questions. */
  stderr: { write(text: string): unknown };
  /** The environment the settings are read from; ./.env (in `cwd`) fills in what it lacks. */
  env: NodeJS.ProcessEnv;
  /** Where ./.env, `eval FILE` and `check DIR` are read from. */
  cwd: string;
  /** Resolves when the command is asked to stop (SIGINT, SIGTERM): `playground` runs until then. */
  stopped(): Promise<void>;
}

/** Exit 2, with `usage`: the command's own when it has one, else the list of commands. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly usage = USAGE,
  ) {
    super(message);
  }
}

type Values = Record<string, string | boolean | undefined>;

/** One run's streams and settings, and the exit code it ends with. */
interface Ctx {
  io: CliIo;
  /** Prints a line to stdout. */
  out(text: string): void;
  /** Writes to stderr as it is. */
  err(text: string): void;
  exitCode: number;
}

interface Command {
  help: string;
  /** Boolean options, e.g. `json`. */
  flags?: string[];
  /** Options taking a value, e.g. `since`. */
  strings?: string[];
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number; what: string };
  run(ctx: Ctx, values: Values, positionals: string[]): void | Promise<void>;
}

/** Parses a command's arguments; unknown options and wrong counts are usage errors. */
function parse(name: string, command: Command, args: string[]) {
  const options = Object.fromEntries([
    ["help", { type: "boolean", short: "h" }],
    ...(command.flags ?? []).map((f) => [f, { type: "boolean" }]),
    ...(command.strings ?? []).map((f) => [f, { type: "string" }]),
  ]) as Record<string, { type: "boolean" | "string"; short?: string }>;
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${name}: ${parseErrorMessage(error as Error, args)}`, command.help);
  }
  const { min, max, what } = command.positionals;
  const count = parsed.positionals.length;
  if (!parsed.values.help && (count < min || count > max)) {
    throw new UsageError(`${name}: ${what}`, command.help);
  }
  return parsed;
}

/**
 * node:util's parse error, said plainly: its "unknown option" text ends in an unclosed quote
 * (`as in '-- "-j"`).
 */
function parseErrorMessage(error: Error, args: string[]): string {
  if ((error as NodeJS.ErrnoException).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    return error.message;
  }
  const option = /^Unknown option '([^']*)'/.exec(error.message)?.[1];
  const shown = option ?? args.find((a) => a.startsWith("-")) ?? "";
  return `unknown option "${shown}" (a question that starts with "-" goes after --: -- "${shown} …")`;
}

async function ask(ctx: Ctx, values: Values, positionals: string[]): Promise<void> {
  const { io, out } = ctx;
  const text = positionals.join(" ");
  if (text === "" && io.stdin.isTTY) throw new UsageError("ask: a question is needed", HELP.ask);

  const { settings, services } = await loadContext(io.env);
  if (values.record) {
    services.recorder = (await import("./records.js")).askRecorder(settings.recording, ctx.err);
  }
  const asker = {
    surface: "cli",
    workspaceId: null,
    userId: values.record ? cliUser() : null,
  } as const;
  // The same answering service as Slack's, on plain text: "list" lists, a greeting is greeted.
  const answer = async (line: string, cut = false) => {
    const question = questionFromPlainText(line, cut);
    const reply = await replyTo(services, question, asker);
    const long = values.long === true;
    out(
      values.json
        ? JSON.stringify(toJsonReply(question, reply, services.catalog, services.docsBaseUrl, long))
        : renderReply(reply, services.catalog, services.docsBaseUrl, long),
    );
    recordReply(services, reply);
  };
  try {
    if (text !== "") {
      await answer(text);
      return;
    }
    // Batch: one answer per input line, in order, from one process; a line is read to
    // RAW_MAX_CHARS, however long it is.
    let first = true;
    for await (const line of cutLines(io.stdin.setEncoding("utf8"), RAW_MAX_CHARS)) {
      if (!values.json && !first) out("");
      await answer(line.text, line.cut);
      first = false;
    }
  } finally {
    await services.recorder.close();
    // A record that did not reach the database is lost: say so, and never exit 0.
    const { pending, dropped } = services.recorder.health();
    if (values.record && pending + dropped > 0) {
      const lost = pending + dropped;
      ctx.err(
        `scenario-bot: --record: ${lost} record${lost === 1 ? " was" : "s were"} not written (the answers above were printed, not recorded)\n`,
      );
      ctx.exitCode = EXIT_NOT_RECORDED;
    }
  }
}

/** The local user name, for --record (hashed like Slack ids); none where the OS has none. */
function cliUser(): string | null {
  try {
    return userInfo().username;
  } catch {
    return null;
  }
}

/** `--since` as a date, with the recorded-questions module it comes from. */
async function recordsSince(name: "report" | "suggest", values: Values, env: NodeJS.ProcessEnv) {
  const records = await import("./records.js");
  let since: Date;
  try {
    since = records.sinceDate(typeof values.since === "string" ? values.since : undefined);
  } catch (error) {
    throw new UsageError(`${name} --since: ${(error as Error).message}`, HELP[name]);
  }
  return { records, since, ...(await loadCatalogFromEnv(env)) };
}

/** `--workspace T…`: a Slack team (or enterprise) id, or undefined for every workspace. */
function workspace(name: "report" | "suggest", values: Values): string | undefined {
  const id = values.workspace;
  if (typeof id !== "string") return undefined;
  if (!/^[TE][A-Z0-9]{2,}$/.test(id)) {
    throw new UsageError(
      `${name} --workspace: "${id}" is not a Slack workspace id such as T0123ABCD`,
      HELP[name],
    );
  }
  return id;
}

async function evalCommand({ io, out }: Ctx, values: Values, [file]: string[]): Promise<void> {
  const name = file as string;
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, name), "utf8");
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : (error as Error).message;
    throw new UsageError(`eval: cannot read ${name}: ${why}`, HELP.eval);
  }
  const cases = parseEvalCases(text, name);
  if (cases.length === 0) {
    throw new UsageError(`eval: ${name}:1: no cases; one {"text", "expected"} per line`, HELP.eval);
  }
  const { catalog, recommender } = await loadCatalogFromEnv(io.env);
  // A typo in an id would count every answer to its line as wrong: refuse the file instead.
  for (const { line, expected } of cases) {
    const unknown = expected.find((id) => catalog.get(id) === undefined);
    if (unknown !== undefined) {
      throw new UsageError(
        `eval: ${name}:${line}: "expected" names "${unknown}", which is no scenario id (scenario-bot list)`,
        HELP.eval,
      );
    }
  }
  // Evaluation lines are messages as Slack delivers them: read them as the Slack app does.
  const report = evaluate(recommender, cases, (text) => questionFromSlack(text).text);
  out(values.json ? JSON.stringify(report) : renderEvalReport(report, name));
}

async function list({ io, out }: Ctx, values: Values): Promise<void> {
  const { settings, catalog } = await loadCatalogFromEnv(io.env);
  if (values.json) {
    const rows = catalog.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      status: s.status,
      url: docsUrl(s, settings.docsBaseUrl),
    }));
    out(JSON.stringify(rows));
    return;
  }
  out(listText(catalog, settings.docsBaseUrl));
}

async function check(ctx: Ctx, _values: Values, [dirArgument]: string[]): Promise<void> {
  const { io, out, err } = ctx;
  // Read from the working folder; named as it was given.
  const dir = dirArgument ?? loadSettings(io.env).scenariosDir;
  // The loader (YAML, schema) is loaded only here: `ask` reads the build's snapshot instead.
  const { checkCatalog, formatProblem } = await import("../catalog/load.js");
  const { cardWarnings } = await import("../catalog/warnings.js");
  const { scenarios, problems } = checkCatalog(path.resolve(io.cwd, dir));
  // Warnings are printed but do not fail the check.
  for (const warning of cardWarnings(scenarios)) err(`warning: ${formatProblem(warning)}\n`);
  if (problems.length === 0) {
    out(`ok: ${scenarios.length} scenarios in ${dir}`);
    return;
  }
  for (const problem of problems) err(`${formatProblem(problem)}\n`);
  err(`${problems.length} problem${problems.length === 1 ? "" : "s"} in ${dir}\n`);
  ctx.exitCode = 1;
}

/** `playground`: the local page, until SIGINT or SIGTERM. Its URL is stdout's last line. */
async function playground({ io, out, err }: Ctx, values: Values): Promise<void> {
  const port = values.port === undefined ? 3100 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(
      `playground --port: "${values.port}" is not a port (0 to 65535)`,
      HELP.playground,
    );
  }
  const host = typeof values.host === "string" ? values.host : "127.0.0.1";
  const since = typeof values.since === "string" ? values.since : "30d";
  const records = await import("./records.js");
  try {
    records.sinceDate(since);
  } catch (error) {
    throw new UsageError(`playground --since: ${(error as Error).message}`, HELP.playground);
  }
  const settings = loadSettings(io.env);
  const { isLoopback, startPlayground } = await import("../playground/server.js");
  const log = (line: string) => err(`scenario-bot playground: ${line}\n`);
  if (!isLoopback(host)) {
    log(`listening on ${host}, beyond loopback (--host): anyone who can reach it can use it`);
  }
  const running = await startPlayground({
    host,
    port,
    scenariosDir: settings.scenariosDir,
    docsBaseUrl: settings.docsBaseUrl,
    recording: settings.recording,
    record: values.record === true,
    since,
    log,
  });
  log(
    values.record === true && settings.recording.enabled
      ? "recording questions and feedback asked here (--record)"
      : "nothing asked here is recorded (--record records it)",
  );
  out(running.url);
  await io.stopped();
  await running.close();
}

const NONE = { min: 0, max: 0, what: "takes no arguments" };

const COMMANDS: Record<string, Command> = {
  ask: {
    help: HELP.ask,
    flags: ["json", "record", "long"],
    positionals: { min: 0, max: Number.POSITIVE_INFINITY, what: "" },
    run: ask,
  },
  eval: {
    help: HELP.eval,
    flags: ["json"],
    positionals: { min: 1, max: 1, what: "exactly one FILE is needed" },
    run: evalCommand,
  },
  list: { help: HELP.list, flags: ["json"], positionals: NONE, run: list },
  check: {
    help: HELP.check,
    positionals: { min: 0, max: 1, what: "at most one DIR" },
    run: check,
  },
  guide: {
    help: HELP.guide,
    flags: ["json"],
    strings: ["app", "audience"],
    positionals: NONE,
    async run({ io, out, err }, values) {
      const { settings, catalog } = await loadCatalogFromEnv(io.env);
      const { guide } = await import("./guide-command.js");
      const flag = (name: string) => (typeof values[name] === "string" ? values[name] : undefined);
      await guide(
        catalog,
        settings.docsBaseUrl,
        {
          flags: { app: flag("app"), audience: flag("audience") },
          json: values.json === true,
          input: io.stdin,
        },
        {
          out,
          ask: err,
          usage: (message) => new UsageError(message, HELP.guide),
        },
      );
    },
  },
  report: {
    help: HELP.report,
    flags: ["json"],
    strings: ["since", "workspace"],
    positionals: NONE,
    async run({ io, out }, values) {
      const { records, since, settings, catalog, recommender } = await recordsSince(
        "report",
        values,
        io.env,
      );
      const text = await records.reportText(
        settings.recording,
        catalog,
        since,
        values.json === true,
        recommender,
        workspace("report", values),
      );
      out(text);
    },
  },
  playground: {
    help: HELP.playground,
    flags: ["record"],
    strings: ["port", "host", "since"],
    positionals: NONE,
    run: playground,
  },
  suggest: {
    help: HELP.suggest,
    strings: ["since", "workspace"],
    positionals: NONE,
    async run({ io }, values) {
      const { records, since, settings, catalog } = await recordsSince("suggest", values, io.env);
      io.stdout.write(
        await records.suggestionsText(
          settings.recording,
          catalog,
          since,
          workspace("suggest", values),
        ),
      );
    },
  },
};

async function main(ctx: Ctx, argv: string[]): Promise<void> {
  const { io, out } = ctx;
  const [name, ...args] = argv;
  if (name === undefined) throw new UsageError("a command is needed");
  if (name === "--help" || name === "-h" || name === "help") {
    out(USAGE);
    return;
  }
  if (name === "--version" || name === "-V" || name === "-v") {
    out(version());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const { values, positionals } = parse(name, command, args);
  if (values.help) {
    out(command.help);
    return;
  }
  loadDotEnv(path.join(io.cwd, ".env"), io.env);
  await command.run(ctx, values, positionals);
}

/** This package's version, from its package.json (dist/cli/ is two folders down). */
function version(): string {
  const manifest = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/** Runs the command line `argv` (without node and the script) on `io`; resolves to its exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const ctx: Ctx = {
    io,
    out: (text) => {
      io.stdout.write(`${text}\n`);
    },
    err: (text) => {
      io.stderr.write(text);
    },
    exitCode: 0,
  };
  try {
    await main(ctx, argv);
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(`scenario-bot: ${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    ctx.err(`scenario-bot: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The process's own streams, environment and working folder; stopped by SIGINT or SIGTERM. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    stopped: () =>
      new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
  };
}

/** Whether this module is the program node was started with (the bin, through any symlink). */
function isBin(): boolean {
  const started = process.argv[1];
  if (started === undefined) return false;
  try {
    return realpathSync(started) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isBin()) {
  // The exit code is set, never forced: the process ends when stdout has been written.
  process.exitCode = await run(process.argv.slice(2), processIo());
}
