import { dump } from "js-yaml";
import type { Catalog, Scenario } from "../catalog/types.js";
import { analyze, contentStems } from "../matching/analyzer.js";
import { normalizeSlackText } from "../text/slack.js";
import { answersSince } from "./report.js";
import type { Sql } from "./sql.js";

export interface CardSuggestion {
  scenarioId: string;
  /** How many questions people picked this card for, instead of the answer they got. */
  evidence: number;
  examples: string[];
  keywords: string[];
}

export interface SuggestOptions {
  since: Date;
  maxExamples?: number;
  maxKeywords?: number;
  /** A new keyword must appear in at least this many of the card's questions. */
  minKeywordQuestions?: number;
  /** Only this workspace's answers (a Slack team id); every workspace's when undefined. */
  workspaceId?: string;
  /** Only answers recorded before this; up to now when undefined. */
  until?: Date;
}

/** Stems of everything a card already says, so only new words are proposed. */
function cardStems(s: Scenario): Set<string> {
  const text = [s.title, s.summary, ...s.keywords, ...s.examples, s.body].join(" ");
  return new Set(contentStems(text));
}

/**
 * Proposes example questions and keywords for each card from the questions people picked it
 * for. Nothing is applied: a person reviews the YAML and pastes what is right.
 */
export async function suggestCardChanges(
  sql: Sql,
  catalog: Catalog,
  options: SuggestOptions,
): Promise<CardSuggestion[]> {
  const { since, maxExamples = 10, maxKeywords = 10, minKeywordQuestions = 2 } = options;
  const { where, params } = answersSince(since, options.workspaceId, options.until);
  const rows = await sql.all<{ scenarioId: string; question: string; times: number }>(
    `SELECT f.scenario_id AS "scenarioId", a.question AS question, COUNT(DISTINCT a.id) AS times
     FROM feedback f JOIN answers a ON a.id = f.answer_id
     WHERE f.kind = 'picked' AND f.scenario_id IS NOT NULL AND ${where} AND a.question <> ''
     GROUP BY f.scenario_id, a.question
     ORDER BY f.scenario_id COLLATE BINARY, times DESC, a.question COLLATE BINARY`,
    params,
  );

  const byCard = new Map<string, Array<{ question: string; times: number }>>();
  for (const row of rows) {
    if (!catalog.get(row.scenarioId)) continue;
    const list = byCard.get(row.scenarioId) ?? [];
    list.push(row);
    byCard.set(row.scenarioId, list);
  }

  return [...byCard].map(([scenarioId, questions]) => {
    const scenario = catalog.get(scenarioId) as Scenario;
    const known = new Set(scenario.examples.map(normalizeSlackText));
    const stems = cardStems(scenario);
    const wordQuestions = new Map<string, number>();
    for (const { question } of questions) {
      const words = analyze(question).filter((t) => !t.stop && !stems.has(t.stem));
      for (const word of new Set(words.map((t) => t.word))) {
        if (word.length < 3 || /^\d+$/.test(word)) continue;
        wordQuestions.set(word, (wordQuestions.get(word) ?? 0) + 1);
      }
    }
    return {
      scenarioId,
      evidence: questions.reduce((sum, q) => sum + q.times, 0),
      examples: questions
        .map((q) => q.question)
        .filter((q) => !known.has(q))
        .slice(0, maxExamples),
      keywords: [...wordQuestions]
        .filter(([, n]) => n >= minKeywordQuestions)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, maxKeywords)
        .map(([word]) => word),
    };
  });
}

/** YAML blocks, one per card, ready to merge into each card's front matter. */
export function renderSuggestions(suggestions: CardSuggestion[], catalog: Catalog): string {
  if (suggestions.length === 0)
    return "# No suggestions: nobody picked another scenario in this period.\n";
  const blocks = suggestions.map((s) => {
    const file = catalog.get(s.scenarioId)?.file ?? s.scenarioId;
    const fields: Record<string, string[]> = {};
    if (s.examples.length > 0) fields.examples = s.examples;
    if (s.keywords.length > 0) fields.keywords = s.keywords;
    const header = `# ${s.scenarioId} (${file}): people chose this card for ${s.evidence} question${s.evidence === 1 ? "" : "s"}.`;
    const body =
      Object.keys(fields).length > 0 ? dump(fields, { lineWidth: -1 }) : "# (nothing new to add)\n";
    return `${header}\n${body}`;
  });
  return [
    "# Suggested additions to scenario cards. Review each line; nothing is applied automatically.",
    "# Add the items to the card's existing `examples:` and `keywords:` lists.",
    "",
    blocks.join("\n"),
  ].join("\n");
}
