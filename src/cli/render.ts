import type { Answer } from "../answer/answer.js";
import type { ClarifyingQuestion } from "../answer/axes.js";
import { QUESTION_MAX_CHARS, type Question } from "../answer/question.js";
import type { Reply } from "../answer/reply.js";
import { type Axis, axisNote } from "../catalog/axes.js";
import { type BodySection, bodySections } from "../catalog/sections.js";
import type { Catalog, Scenario } from "../catalog/types.js";
import { docsUrl, flowLabel } from "../catalog/urls.js";
import type { ScoredScenario } from "../matching/types.js";
import {
  type EvalReport,
  MISS_KIND_LABELS,
  MISS_KINDS,
  missLine,
  NONE,
} from "../policy/evaluate.js";
import { HELP } from "./usage.js";

/** The `--json` reply: one object per question. */
export interface JsonReply {
  /** The question as read (plain text). */
  query: string;
  /** "answer", or the sub-command or greeting it was taken for. */
  kind: Reply["kind"];
  /** Null only when the question is off-topic or too vague (or not a question at all). */
  match: JsonScenario | null;
  alternatives: JsonScenario[];
  /** "high", "low" (a best guess), or null without a match. */
  confidence: Answer["confidence"];
  /** The top two are too close to tell apart. */
  ambiguous: boolean;
  /** The words and concepts behind the answer, as the user wrote them. */
  why: string[];
  /** A card on the other axis that fits too (the question speaks to both); separate from alternatives. */
  also: JsonCard | null;
  /** The one question that would settle a best guess, each option leading to a card. */
  clarify: JsonClarify | null;
  /** Only for kind "list": every scenario (id, title, docs URL). */
  scenarios?: JsonCard[];
}

/** A card, without a score: what "also applies" and guided answers name. */
export interface JsonCard {
  id: string;
  title: string;
  url: string;
}

interface JsonClarify {
  axis: Axis;
  question: string;
  options: Array<{ value: string; label: string; id: string }>;
}

export function jsonCard(scenario: Scenario, base: string): JsonCard {
  return { id: scenario.id, title: scenario.title, url: docsUrl(scenario, base) };
}

function jsonClarify(clarify: ClarifyingQuestion | null): JsonClarify | null {
  if (clarify === null) return null;
  const { axis, question, options } = clarify;
  return {
    axis,
    question,
    options: options.map((o) => ({ value: o.value, label: o.label, id: o.scenario.id })),
  };
}

interface JsonScenario {
  id: string;
  title: string;
  url: string;
  score: number;
  /** With `--long`: the card's body, section by section (the match only). */
  body?: BodySection[];
}

const round = (score: number) => Math.round(score * 1000) / 1000;

function jsonScenario({ scenario, score }: ScoredScenario, base: string): JsonScenario {
  return {
    id: scenario.id,
    title: scenario.title,
    url: docsUrl(scenario, base),
    score: round(score),
  };
}

export function toJsonReply(
  question: Question,
  reply: Reply,
  catalog: Catalog,
  base: string,
  long = false,
): JsonReply {
  const answer = reply.kind === "answer" ? reply.answer : undefined;
  const match = answer?.match ? jsonScenario(answer.match, base) : null;
  if (match && long && answer?.match) match.body = bodySections(answer.match.scenario.body);
  return {
    query: question.text,
    kind: reply.kind,
    match,
    alternatives: answer ? othersThanAlso(answer).map((a) => jsonScenario(a, base)) : [],
    confidence: answer?.confidence ?? null,
    ambiguous: answer?.ambiguous ?? false,
    why: answer?.why ?? [],
    also: answer?.also ? jsonCard(answer.also.scenario, base) : null,
    clarify: jsonClarify(answer?.clarify ?? null),
    ...(reply.kind === "list"
      ? { scenarios: catalog.scenarios.map((s) => jsonCard(s, base)) }
      : {}),
  };
}

/** A reply as terminal text. */
export function renderReply(reply: Reply, catalog: Catalog, base: string, long = false): string {
  switch (reply.kind) {
    case "help":
      return HELP.ask;
    case "list":
      return listText(catalog, base);
    case "greeting":
      return greetingText(catalog);
    case "thanks":
      return THANKS_TEXT;
    case "guide":
      return GUIDE_HINT;
    case "stats":
      return (
        reply.report ??
        "No statistics without --record: `scenario-bot report` reads the recorded questions."
      );
    case "admins-only":
      return "The stats are for the app's admins.";
    case "answer": {
      const text = renderAnswer(reply.answer, catalog, base);
      const match = reply.answer.match;
      return long && match ? `${text}\n\n${longText(match.scenario)}` : text;
    }
  }
}

/** Every scenario: id, status, title, summary and docs link (`scenario-bot list`). */
export function listText(catalog: Catalog, base: string): string {
  return catalog.scenarios
    .map((s) => {
      const status = s.status === "under-construction" ? " [under construction]" : "";
      return `${s.id}${status}\n  ${s.title}: ${s.summary}\n  ${docsUrl(s, base)}`;
    })
    .join("\n");
}

/** The reply to a whole-message "thanks". */
const THANKS_TEXT =
  "You're welcome. Ask again any time you are choosing how people or services sign in.";

function greetingText(catalog: Catalog): string {
  const examples = catalog.scenarios.flatMap((s) => s.examples.slice(0, 1)).slice(0, 3);
  return [
    "Hi! Describe what you are building and I'll point you to the Auth0 architecture scenario",
    "that fits. For example:",
    ...examples.map((e) => `  scenario-bot ask "${e}"`),
  ].join("\n");
}

const GUIDE_HINT = [
  "Answer two questions instead: what kind of app, and who signs in.",
  "  scenario-bot guide                               (asks them here)",
  "  scenario-bot guide --app spa --audience business  (answers at once)",
].join("\n");

function flowLine(s: Scenario): string {
  const flows = s.flows.map(flowLabel).join(", ");
  return `Protocols: ${s.protocols.join(", ")}${flows ? ` · Flow: ${flows}` : ""}`;
}

function scenarioList(catalog: Catalog, base: string): string {
  return catalog.scenarios
    .map((s) => `  ${s.id.padEnd(12)} ${s.title} — ${docsUrl(s, base)}`)
    .join("\n");
}

/** The answer as terminal text. */
export function renderAnswer(answer: Answer, catalog: Catalog, base: string): string {
  const text = answerText(answer, catalog, base);
  if (!answer.question.cut) return text;
  return `Only the first ${QUESTION_MAX_CHARS.toLocaleString("en-US")} characters of the question were read.\n${text}`;
}

function answerText(answer: Answer, catalog: Catalog, base: string): string {
  if (!answer.match) {
    const lines = [
      "No scenario fits this question well enough.",
      "Try describing the kind of app and who signs in, e.g. “mobile app calling our API” or",
      "“employees sign in to internal tools with Active Directory”.",
      "Or answer two questions instead: scenario-bot guide",
    ];
    if (answer.alternatives.length > 0) {
      lines.push("", `Closest: ${answer.alternatives.map((a) => a.scenario.id).join(", ")}`);
    }
    lines.push("", "Scenarios:", scenarioList(catalog, base));
    return lines.join("\n");
  }
  const { scenario, score } = answer.match;
  const lines = [
    `${scenario.title}  (${scenario.id}, score ${score.toFixed(2)})`,
    scenario.summary,
    flowLine(scenario),
  ];
  if (scenario.flowNote) lines.push(`Note: ${scenario.flowNote}`);
  if (scenario.pickOver) lines.push(scenario.pickOver);
  const axis = axisNote(scenario.axes);
  if (axis !== "") lines.push(axis);
  if (scenario.status === "under-construction")
    lines.push("The docs mark this scenario as under construction.");
  if (answer.why.length > 0)
    lines.push(`Why: matched ${answer.why.map((t) => `“${t}”`).join(", ")}`);
  if (answer.ambiguous) lines.push("Close call: the next answer scores almost as high.");
  else if (answer.confidence === "low") lines.push("A best guess: the evidence is thin.");
  lines.push(`Docs: ${docsUrl(scenario, base)}`);
  if (answer.also) lines.push(alsoLine(answer.also.scenario, base));
  if (answer.clarify) lines.push(...clarifyLines(answer.clarify));
  const others = othersThanAlso(answer);
  if (others.length > 0) {
    lines.push("Also consider:");
    for (const alt of others) {
      lines.push(
        `  ${alt.scenario.title} (${alt.scenario.id}, ${alt.score.toFixed(2)}) — ${docsUrl(alt.scenario, base)}`,
      );
    }
  }
  return lines.join("\n");
}

/** "Also applies: Title (id) — summary — url": the other side of a question about both axes. */
export function alsoLine(also: Scenario, base: string): string {
  return `Also applies: ${also.title} (${also.id}) — ${also.summary} ${docsUrl(also, base)}`;
}

function clarifyLines({ axis, question, options }: ClarifyingQuestion): string[] {
  const flag = `--${axis}`;
  return [
    `${question} Say which, and I'll narrow it down:`,
    ...options.map(
      (o) => `  ${o.label} → ${o.scenario.id}   (scenario-bot guide ${flag} ${o.value})`,
    ),
  ];
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function renderEvalReport(report: EvalReport, source: string): string {
  const lines = [
    `${source}: ${report.total} questions (${report.answerable} answerable, ${report.unanswerable} with no fitting scenario)`,
    `top-1 accuracy   ${percent(report.top1)}`,
    `top-3 recall     ${percent(report.top3)}`,
    `rejection rate   ${percent(report.rejection)}`,
    `false no-match   ${percent(report.falseNoMatch)}`,
    "",
    ...confusionTable(report.confusion),
    "",
    `misses (${report.misses.length}): ${MISS_KINDS.map((k) => `${report.missesByKind[k]} ${MISS_KIND_LABELS[k]}`).join(", ")}`,
  ];
  for (const miss of report.misses) lines.push(`  ${missLine(miss)}`);
  return lines.join("\n");
}

/** Expected answers down, given answers across; the diagonal is right. */
function confusionTable(confusion: EvalReport["confusion"]): string[] {
  const ids = [
    ...new Set(Object.entries(confusion).flatMap(([e, row]) => [e, ...Object.keys(row)])),
  ].sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : 1));
  const corner = "expected \\ got";
  const width = Math.max(corner.length, ...ids.map((id) => id.length));
  const cell = (text: string) => text.padStart(Math.max(4, text.length));
  const lines = [`${corner.padEnd(width)} ${ids.map(cell).join(" ")}`];
  for (const expected of ids) {
    const row = confusion[expected];
    if (row === undefined) continue;
    const cells = ids.map((got) => cell(String(row[got] ?? 0).padStart(got.length)));
    lines.push(`${expected.padEnd(width)} ${cells.join(" ")}`);
  }
  return lines;
}

/** The alternatives, less the card shown as "Also applies" (it is not buried among them). */
function othersThanAlso(answer: Answer): Answer["alternatives"] {
  return answer.alternatives.filter((a) => a.scenario.id !== answer.also?.scenario.id);
}

/** The card's body in full (`ask --long`): when it fits, the flow in steps, how it differs. */
export function longText(scenario: Scenario): string {
  return bodySections(scenario.body)
    .map((s) => `${s.heading}\n${"-".repeat(s.heading.length)}\n${s.text}`)
    .join("\n\n");
}
