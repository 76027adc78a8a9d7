/** The weekly digest as a Slack message: the review report's summary for the card keepers. */
import type { DigestFigures, WeekFigures } from "../../digest/figures.js";
import { mrkdwn, oneLine } from "../mrkdwn.js";
import {
  bullets,
  context,
  header,
  type KnownBlock,
  LIMITS,
  type SlackMessage,
  section,
} from "./kit.js";

const QUESTION_MAX = 120;
const SCENARIOS_SHOWN = 9;
const SUGGESTIONS_SHOWN = 5;

const percent = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}%`);
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const day = (date: Date) => date.toISOString().slice(0, 10);

function against(this_: number, before: number, weekTotal: number, beforeTotal: number): string {
  return `${percent(share(this_, weekTotal))} (${this_}), week before ${percent(share(before, beforeTotal))} (${before})`;
}

export interface DigestOptions {
  /** The top unanswered questions are listed only when question text is recorded. */
  showQuestions: boolean;
}

/** The digest's message; the figures of a week with answers (an empty week is never posted). */
export function digestMessage(figures: DigestFigures, options: DigestOptions): SlackMessage {
  const { week, before } = figures;
  const blocks: KnownBlock[] = [
    header(`Scenario Advisor: the week to ${day(figures.until)}`),
    section(
      `*${week.answered} questions answered* (week before: ${before.answered}).\n` +
        `No match: ${against(week.unanswered, before.unanswered, week.answered, before.answered)}.\n` +
        `Best guesses: ${against(week.bestGuess, before.bestGuess, week.answered, before.answered)}.`,
    ),
  ];
  blocks.push(section(`*Answers and helpful rate per scenario*\n${scenarioLines(week)}`));
  if (options.showQuestions && week.unansweredQuestions.length > 0) {
    const lines = week.unansweredQuestions.map(
      (q) => `${q.count}× ${mrkdwn(oneLine(q.question), QUESTION_MAX)}`,
    );
    blocks.push(
      section(
        mrkdwn(`*Most frequent questions with no match*\n${bullets(lines)}`, LIMITS.sectionText),
      ),
    );
  }
  if (figures.suggestions.length > 0) {
    const lines = figures.suggestions
      .slice(0, SUGGESTIONS_SHOWN)
      .map(
        (s) =>
          `\`${s.scenarioId}\`: ${s.examples.length} example questions, ${s.keywords.length} keywords (from ${s.evidence} picks)`,
      );
    blocks.push(section(`*\`scenario-bot suggest\` proposes*\n${bullets(lines)}`));
  }
  const command = `scenario-bot report --since 7d --workspace ${figures.workspaceId}`;
  // The full report is the command line's (there is no web page of it).
  blocks.push(context(`Full report: \`${command}\``));
  return {
    text: `Scenario Advisor's week to ${day(figures.until)}: ${week.answered} questions answered, ${week.unanswered} with no match.`,
    blocks,
  };
}

function scenarioLines(week: WeekFigures): string {
  const lines = week.byScenario.slice(0, SCENARIOS_SHOWN).map((s) => {
    const rated = s.helpful + s.notQuite;
    return `\`${s.scenarioId}\`: ${s.answers} answers, helpful ${percent(s.rate)}${rated > 0 ? ` (${s.helpful}/${rated})` : ""}`;
  });
  return lines.length > 0 ? bullets(lines) : "No answer matched a scenario.";
}
