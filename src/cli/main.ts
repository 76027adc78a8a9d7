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
import { catalogSettingsSchema } from "../catalog/settings.js";
import { docsUrl } from "../catalog/urls.js";
import { evaluate, parseEvalCases } from "../matching/evaluate.js";
import { loadDotEnv, parseSettings } from "../settings.js";
import { answerRecord, DISABLED_RECORDER } from "../store/types.js";
import { loadContext } from "./context.js";
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

const HELP: Record<string, string> = {
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

function parse(command: string, args: string[], flags: string[], strings: string[] = []) {
  const options = Object.fromEntries([
    ["help", { type: "boolean", short: "h" }],
    ...flags.map((f) => [f, { type: "boolean" }]),
    ...strings.map((f) => [f, { type: "string" }]),
  ]) as Record<string, { type: "boolean" | "string"; short?: string }>;
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
}

async function ask(args: string[]): Promise<void> {
  const { values, positionals } = parse("ask", args, ["json", "record"]);
  if (values.help) {
    out(HELP.ask as string);
    return;
  }
  const question = positionals.join(" ");
  if (question === "" && process.stdin.isTTY) throw new UsageError("ask: a question is needed");

  const { catalog, recommender, docsBaseUrl } = loadContext();
  const recorder = values.record
    ? (await import("./records.js")).openRecorder()
    : DISABLED_RECORDER;
  const answer = (text: string) => {
    const rec = recommender.recommend(text);
    recorder.recordAnswer(
      answerRecord(rec, { surface: "cli", workspaceId: null, userId: userInfo().username }),
    );
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

async function since(values: { since?: string | boolean | undefined }): Promise<Date> {
  const { sinceDate } = await import("./records.js");
  try {
    return sinceDate(typeof values.since === "string" ? values.since : undefined);
  } catch (error) {
    throw new UsageError(`--since: ${(error as Error).message}`);
  }
}

async function report(args: string[]): Promise<void> {
  const { values, positionals } = parse("report", args, ["json"], ["since"]);
  if (values.help) {
    out(HELP.report as string);
    return;
  }
  if (positionals.length > 0) throw new UsageError("report: takes no arguments");
  const from = await since(values);
  const { reportText } = await import("./records.js");
  out(reportText(loadContext().catalog, from, values.json === true));
}

async function suggest(args: string[]): Promise<void> {
  const { values, positionals } = parse("suggest", args, [], ["since"]);
  if (values.help) {
    out(HELP.suggest as string);
    return;
  }
  if (positionals.length > 0) throw new UsageError("suggest: takes no arguments");
  const from = await since(values);
  const { suggestionsText } = await import("./records.js");
  process.stdout.write(suggestionsText(loadContext().catalog, from));
}

function evalCommand(args: string[]): void {
  const { values, positionals } = parse("eval", args, ["json"]);
  if (values.help) {
    out(HELP.eval as string);
    return;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("eval: exactly one FILE is needed");
  const cases = parseEvalCases(readFileSync(file, "utf8"), file);
  const report = evaluate(loadContext().recommender, cases);
  out(values.json ? JSON.stringify(report) : renderEvalReport(report, file));
}

function list(args: string[]): void {
  const { values, positionals } = parse("list", args, ["json"]);
  if (values.help) {
    out(HELP.list as string);
    return;
  }
  if (positionals.length > 0) throw new UsageError("list: takes no arguments");
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

function check(args: string[]): void {
  const { values, positionals } = parse("check", args, []);
  if (values.help) {
    out(HELP.check as string);
    return;
  }
  if (positionals.length > 1) throw new UsageError("check: at most one DIR");
  const dir = positionals[0] ?? parseSettings(catalogSettingsSchema, process.env).SCENARIOS_DIR;
  const { scenarios, problems } = checkCatalog(dir);
  if (problems.length === 0) {
    out(`ok: ${scenarios.length} scenarios in ${dir}`);
    return;
  }
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"} in ${dir}\n`);
  process.exitCode = 1;
}

const COMMANDS: Record<string, (args: string[]) => void | Promise<void>> = {
  ask,
  eval: evalCommand,
  list,
  check,
  report,
  suggest,
};

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    if (command === undefined) throw new UsageError("a command is needed");
    out(USAGE);
    return;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command "${command}"`);
  loadDotEnv();
  await run(args);
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
