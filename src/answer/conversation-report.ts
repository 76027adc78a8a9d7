/**
 * The report's section on the conversation: how often each clarifying question was needed and
 * what people answered, and what the guided chooser led to. Whether an answer asked a question
 * is not recorded (see src/store/conversation.ts): it is worked out again from the recorded
 * question with today's cards and matcher, which give the same answer as long as neither has
 * changed. An answer whose match no longer comes out the same is left out, and counted.
 */
import type { Axis } from "../catalog/axes.js";
import type { AnsweredRow } from "../store/conversation.js";
import { recommendAnswer } from "./answer.js";
import { questionFromPlainText } from "./question.js";
import type { Services } from "./reply.js";

export interface ClarifyStats {
  axis: Axis;
  question: string;
  /** Answers that asked it. */
  asked: number;
  /** Of those, answers where the person clicked one of its options. */
  answered: number;
  /** What they chose, most often first. */
  chose: Array<{ scenarioId: string; label: string; count: number }>;
}

export interface ConversationReport {
  clarifying: ClarifyStats[];
  /** Recorded answers whose match today's cards and matcher no longer give. */
  notRederived: number;
  guided: {
    answers: number;
    /** Each leading card and the one that also applied, most often first. */
    chose: Array<{ scenarioId: string; also: string | null; count: number }>;
  };
}

const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;

export function buildConversationReport(
  rows: readonly AnsweredRow[],
  services: Pick<Services, "catalog" | "recommender">,
): ConversationReport {
  const clarifying = new Map<Axis, ClarifyStats>();
  const guided = new Map<string, { scenarioId: string; also: string | null; count: number }>();
  let guidedAnswers = 0;
  let notRederived = 0;
  for (const row of rows) {
    if (row.surface === "guide") {
      guidedAnswers += 1;
      const also = row.alternatives[0] ?? null;
      const key = `${row.scenarioId} ${also ?? ""}`;
      const entry = guided.get(key) ?? { scenarioId: row.scenarioId, also, count: 0 };
      entry.count += 1;
      guided.set(key, entry);
      continue;
    }
    const answer = recommendAnswer(services, questionFromPlainText(row.question));
    if (answer.match?.scenario.id !== row.scenarioId) {
      notRederived += 1;
      continue;
    }
    const { clarify } = answer;
    if (clarify === null) continue;
    const stats = clarifying.get(clarify.axis) ?? {
      axis: clarify.axis,
      question: clarify.question,
      asked: 0,
      answered: 0,
      chose: [],
    };
    stats.asked += 1;
    // The last of its options the person picked: a pick of anything else was an alternative.
    const chosen = [...row.picked]
      .reverse()
      .map((id) => clarify.options.find((o) => o.scenario.id === id))
      .find((option) => option !== undefined);
    if (chosen !== undefined) {
      stats.answered += 1;
      const entry = stats.chose.find((c) => c.scenarioId === chosen.scenario.id);
      if (entry) entry.count += 1;
      else stats.chose.push({ scenarioId: chosen.scenario.id, label: chosen.label, count: 1 });
    }
    clarifying.set(clarify.axis, stats);
  }
  return {
    clarifying: [...clarifying.values()].map((s) => ({ ...s, chose: s.chose.sort(byCount) })),
    notRederived,
    guided: { answers: guidedAnswers, chose: [...guided.values()].sort(byCount) },
  };
}

/** The section as report lines. */
export function renderConversationReport(report: ConversationReport): string {
  const lines = ["Clarifying questions (asked on best guesses):"];
  if (report.clarifying.length === 0) lines.push("  none asked");
  for (const s of report.clarifying) {
    const chose = s.chose.map((c) => `${c.label} (${c.scenarioId}) ${c.count}×`).join(", ");
    lines.push(
      `  ${s.question} asked ${s.asked}×, answered ${s.answered}×${chose ? `: ${chose}` : ""}`,
    );
  }
  if (report.notRederived > 0) {
    lines.push(
      `  (${report.notRederived} older answers left out: the cards or matcher changed since)`,
    );
  }
  const chose = report.guided.chose
    .map((c) => `${c.scenarioId}${c.also ? ` + ${c.also}` : ""} ${c.count}×`)
    .join(", ");
  lines.push(`Guided chooser: ${report.guided.answers} answers${chose ? `: ${chose}` : ""}.`);
  return lines.join("\n");
}
