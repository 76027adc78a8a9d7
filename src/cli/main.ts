#!/usr/bin/env node
/**
 * `scenario-bot`: the recommender without Slack. Exit codes: 0 done, 1 failed (bad settings,
 * bad cards, unreadable file), 2 usage error. Answers go to stdout; everything else to stderr.
 * This file must not import Bolt: `ask` has to answer cold in well under 300 ms.
 */
import { readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { checkCatalog, formatProblem } from "../catalog/load.js";
import { docsUrl } from "../catalog/urls.js";
import { loadDotEnv, loadSettings } from "../config/index.js";
import { evaluate, parseEvalCases } from "../matching/evaluate.js";
import { answerRecord, DISABLED_RECORDER } from "../store/types.js";
import { loadCatalogFromEnv, loadContext } from "./context.js";
import { renderAnswer, renderEvalReport, toJsonAnswer } from "./render.js";

const USAGE = `Usage: scenario-bot <command> [options]

Commands:
  ask [--json] "question"   Recommend the architecture scenario for a question.
                            With no question and piped input: one question per line.
  eval FILE [--json]        Score the recommender on a JSONL file of {"text", "expected"}.
  list [--json]             List the scenario catalog.
  check [DIR]               Validate a scenarios directory and report every problem.
  report [--since 30d] [--json]
                            What people asked and how the answers were received.
  suggest [--since 30d]     Propose keywords and examples for cards, as YAML to review.

Options:
  -h, --help                Show help for a command.

Environment: SCENARIOS_DIR (cards directory), DOCS_BASE_URL (default https://auth0.com/docs).`;

const HELP = {
  ask: `Usage: scenario-bot ask [--json] [--record] "question"
       some-command | scenario-bot ask [--json] [--record]

Prints the scenario that fits the question, why, its docs link and alternatives, or says
that nothing fits. --json prints one object:
  {"query", "match": null | {"id", "title", "url", "score"}, "alternatives": [...]}
With no question argument and stdin not a terminal, answers one question per input line.
--record stores each question and answer in DATABASE_PATH, as the Slack app does.`,
  eval: `Usage: scenario-bot eval FILE [--json]

Scores the recommender on a JSONL file whose lines are {"text": "...", "expected": ["id", ...]}
(an empty "expected" means no scenario fits). Prints top-1 accuracy, top-3 recall, rejection
rate, false no-match rate and the misses; --json prints them as one object.`,
  list: `Usage: scenario-bot list [--json]

Lists the scenarios; --json prints [{"id", "title", "summary", "status", "url"}, ...].`,
  check: `Usage: scenario-bot check [DIR]

Validates every card in DIR (default: SCENARIOS_DIR, else the bundled scenarios/) and reports
every problem at once. Exits 1 when there is any.`,
  report: `Usage: scenario-bot report [--since 30d] [--json]

From the recorded questions (DATABASE_PATH): questions answered per surface, helpful rate
overall and per scenario, the most frequent questions with no match, answers marked "Not quite"
with what people picked instead, and scenarios never chosen. --since takes 12h, 30d or 2w.`,
  suggest: `Usage: scenario-bot suggest [--since 30d]

Proposes example questions and keywords for each card from the alternatives people picked,
printed as YAML to review and paste into the card's front matter. Nothing is applied.`,
};

class UsageError extends Error {}

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

type Values = Record<string, string | boolean | undefined>;

interface Command {
  help: string;
  /** Boolean options, e.g. `json`. */
  flags?: string[];
  /** Options taking a value, e.g. `since`. */
  strings?: string[];
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number; what: string };
  run(values: Values, positionals: string[]): void | Promise<void>;
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
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
  const { min, max, what } = command.positionals;
  const count = parsed.positionals.length;
  if (!parsed.values.help && (count < min || count > max)) throw new UsageError(`${name}: ${what}`);
  return parsed;
}

async function ask(values: Values, positionals: string[]): Promise<void> {
  const question = positionals.join(" ");
  if (question === "" && process.stdin.isTTY) throw new UsageError("ask: a question is needed");

  const { catalog, recommender, docsBaseUrl } = loadContext();
  const recorder = values.record
    ? (await import("./records.js")).askRecorder(loadSettings(process.env).recording)
    : DISABLED_RECORDER;
  const asker = {
    surface: "cli",
    workspaceId: null,
    userId: values.record ? cliUser() : null,
  } as const;
  const answer = (text: string) => {
    const rec = recommender.recommend(text);
    recorder.recordAnswer(answerRecord(rec, asker));
    return values.json
      ? JSON.stringify(toJsonAnswer(rec, docsBaseUrl))
      : renderAnswer(rec, catalog, docsBaseUrl);
  };
  try {
    if (question !== "") {
      out(answer(question));
      return;
    }
    // Batch: one answer per input line, in order, from one process.
    let first = true;
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!values.json && !first) out("");
      out(answer(line));
      first = false;
    }
  } finally {
    recorder.close();
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
async function recordsSince(values: Values) {
  const records = await import("./records.js");
  try {
    const since = records.sinceDate(typeof values.since === "string" ? values.since : undefined);
    return { records, since, ...loadCatalogFromEnv() };
  } catch (error) {
    throw new UsageError(`--since: ${(error as Error).message}`);
  }
}

function evalCommand(values: Values, [file]: string[]): void {
  const path = file as string;
  const cases = parseEvalCases(readFileSync(path, "utf8"), path);
  const report = evaluate(loadContext().recommender, cases);
  out(values.json ? JSON.stringify(report) : renderEvalReport(report, path));
}

function list(values: Values): void {
  const { catalog, docsBaseUrl } = loadContext();
  if (values.json) {
    const rows = catalog.scenarios.map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      status: s.status,
      url: docsUrl(s, docsBaseUrl),
    }));
    out(JSON.stringify(rows));
    return;
  }
  for (const s of catalog.scenarios) {
    const status = s.status === "under-construction" ? " [under construction]" : "";
    out(`${s.id}${status}\n  ${s.title}: ${s.summary}\n  ${docsUrl(s, docsBaseUrl)}`);
  }
}

function check(_values: Values, [dirArgument]: string[]): void {
  const dir = dirArgument ?? loadSettings(process.env).scenariosDir;
  const { scenarios, problems } = checkCatalog(dir);
  if (problems.length === 0) {
    out(`ok: ${scenarios.length} scenarios in ${dir}`);
    return;
  }
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"} in ${dir}\n`);
  process.exitCode = 1;
}

const NONE = { min: 0, max: 0, what: "takes no arguments" };

const COMMANDS: Record<string, Command> = {
  ask: {
    help: HELP.ask,
    flags: ["json", "record"],
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
  report: {
    help: HELP.report,
    flags: ["json"],
    strings: ["since"],
    positionals: NONE,
    async run(values) {
      const { records, since, settings, catalog } = await recordsSince(values);
      out(records.reportText(settings.recording, catalog, since, values.json === true));
    },
  },
  suggest: {
    help: HELP.suggest,
    strings: ["since"],
    positionals: NONE,
    async run(values) {
      const { records, since, settings, catalog } = await recordsSince(values);
      process.stdout.write(records.suggestionsText(settings.recording, catalog, since));
    },
  },
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  if (name === undefined) throw new UsageError("a command is needed");
  if (name === "--help" || name === "-h" || name === "help") {
    out(USAGE);
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  const { values, positionals } = parse(name, command, args);
  if (values.help) {
    out(command.help);
    return;
  }
  loadDotEnv();
  await command.run(values, positionals);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`scenario-bot: ${error.message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`scenario-bot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
