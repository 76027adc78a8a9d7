import type { Catalog, Scenario } from "../catalog/types.js";
import { docsUrl, flowLabel } from "../catalog/urls.js";
import { type EvalReport, NONE } from "../matching/evaluate.js";
import type { Recommendation, ScoredScenario } from "../matching/types.js";

/** The `--json` answer: one object per question. */
export interface JsonAnswer {
  query: string;
  match: JsonScenario | null;
  alternatives: JsonScenario[];
}

interface JsonScenario {
  id: string;
  title: string;
  url: string;
  score: number;
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

export function toJsonAnswer(rec: Recommendation, base: string): JsonAnswer {
  return {
    query: rec.query,
    match: rec.match ? jsonScenario(rec.match, base) : null,
    alternatives: rec.alternatives.map((a) => jsonScenario(a, base)),
  };
}

function flowLine(s: Scenario): string {
  const flows = s.flows.map(flowLabel).join(", ");
  return `Protocols: ${s.protocols.join(", ")}${flows ? ` · Flow: ${flows}` : ""}`;
}

export function scenarioList(catalog: Catalog, base: string): string {
  return catalog.scenarios
    .map((s) => `  ${s.id.padEnd(12)} ${s.title} — ${docsUrl(s, base)}`)
    .join("\n");
}

/** The answer as terminal text. */
export function renderAnswer(rec: Recommendation, catalog: Catalog, base: string): string {
  if (!rec.match) {
    const lines = [
      "No scenario fits this question well enough.",
      "Try describing the kind of app and who signs in, e.g. “mobile app calling our API” or",
      "“employees sign in to internal tools with Active Directory”.",
    ];
    if (rec.alternatives.length > 0) {
      lines.push("", `Closest: ${rec.alternatives.map((a) => a.scenario.id).join(", ")}`);
    }
    lines.push("", "Scenarios:", scenarioList(catalog, base));
    return lines.join("\n");
  }
  const { scenario, score } = rec.match;
  const lines = [
    `${scenario.title}  (${scenario.id}, confidence ${score.toFixed(2)})`,
    scenario.summary,
    flowLine(scenario),
  ];
  if (scenario.flowNote) lines.push(`Note: ${scenario.flowNote}`);
  if (scenario.status === "under-construction")
    lines.push("The docs mark this scenario as under construction.");
  if (rec.why.length > 0) lines.push(`Why: matched ${rec.why.map((t) => `“${t}”`).join(", ")}`);
  if (rec.ambiguous) lines.push("Close call: the next answer scores almost as high.");
  lines.push(`Docs: ${docsUrl(scenario, base)}`);
  if (rec.alternatives.length > 0) {
    lines.push("Also consider:");
    for (const alt of rec.alternatives) {
      lines.push(
        `  ${alt.scenario.title} (${alt.scenario.id}, ${alt.score.toFixed(2)}) — ${docsUrl(alt.scenario, base)}`,
      );
    }
  }
  return lines.join("\n");
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
    `misses (${report.misses.length}):`,
  ];
  for (const miss of report.misses) {
    const expected = miss.expected.length ? miss.expected.join("|") : "no match";
    lines.push(
      `  expected ${expected}, got ${miss.got ?? "no match"} (${miss.score.toFixed(2)}): ${JSON.stringify(miss.text)}`,
    );
  }
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
