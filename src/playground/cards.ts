/**
 * The playground's Cards view: the cards of a scenarios directory as Slack shows them, the
 * problems `check` finds in them, and every card's example questions with the card each gets
 * today; kept up to date by a file watcher, so that an author sees at once what an edit moved.
 */
import { type FSWatcher, watch } from "node:fs";
import path from "node:path";
import { type MatchedAnswer, recommendAnswer } from "../answer/answer.js";
import { questionFromPlainText } from "../answer/question.js";
import { createCatalog } from "../catalog/catalog.js";
import { checkCatalog } from "../catalog/load.js";
import type { Catalog } from "../catalog/types.js";
import { Recommender } from "../matching/recommender.js";
import { answerMessage } from "../slack/blocks/answer.js";

/** What an example question gets today. */
export interface ExampleResult {
  question: string;
  /** The card it gets, or null when it is declined (no card fits). */
  winner: string | null;
  /** "wins": its own card; "lost": another card; "declined": none. */
  outcome: "wins" | "lost" | "declined";
  bestGuess: boolean;
  /** The card it got before the last change on disk, when that differs. */
  movedFrom?: string | null | undefined;
}

export interface CardEntry {
  id: string;
  title: string;
  /** The card's file, relative to the directory. */
  file: string;
  /** The card as the answer message shows it. */
  message: { text: string; blocks: unknown[] };
  examples: ExampleResult[];
}

export interface CardsState {
  dir: string;
  /** Bumped on every change seen on disk. */
  version: number;
  checkedAt: string;
  problems: Array<{ file: string; field?: string | undefined; message: string }>;
  /** Why examples could not be matched, when they could not. */
  unmatched?: string | undefined;
  cards: CardEntry[];
}

/** The card as an answer showing it: no question, no why (only the card's own parts). */
function cardAnswer(catalog: Catalog, id: string): MatchedAnswer | null {
  const card = catalog.get(id);
  if (card === undefined) return null;
  return {
    id: "card-preview",
    question: { raw: "", text: "", cut: false },
    match: { scenario: card, score: 1 },
    alternatives: [],
    why: [],
    confidence: "high",
    ambiguous: false,
    also: null,
    clarify: null,
  };
}

/** Reads the directory as `check` does, and matches every example with what loaded. */
export function readCards(
  dir: string,
  docsBaseUrl: string,
  previous?: CardsState,
): { state: CardsState; catalog: Catalog | null; recommender: Recommender | null } {
  const root = path.resolve(dir);
  const { scenarios, concepts, problems } = checkCatalog(root);
  const catalog = createCatalog(scenarios, concepts);
  let recommender: Recommender | null = null;
  let unmatched: string | undefined;
  try {
    recommender = new Recommender(catalog);
  } catch (error) {
    unmatched = `The examples cannot be matched until the problems are fixed (${error instanceof Error ? error.message : String(error)}).`;
  }
  const before = new Map(
    (previous?.cards ?? []).flatMap((c) =>
      c.examples.map((e) => [`${c.id}\n${e.question}`, e.winner]),
    ),
  );
  const cards = catalog.scenarios.map((card): CardEntry => {
    const preview = cardAnswer(catalog, card.id);
    const message = preview
      ? answerMessage(preview, "public", docsBaseUrl)
      : { text: "", blocks: [] };
    const examples = recommender
      ? card.examples.map((question): ExampleResult => {
          const answer = recommendAnswer({ catalog, recommender }, questionFromPlainText(question));
          const winner = answer.match?.scenario.id ?? null;
          const key = `${card.id}\n${question}`;
          const was = before.get(key);
          return {
            question,
            winner,
            outcome: winner === null ? "declined" : winner === card.id ? "wins" : "lost",
            bestGuess: answer.confidence === "low",
            ...(before.has(key) && was !== winner && { movedFrom: was ?? null }),
          };
        })
      : [];
    return {
      id: card.id,
      title: card.title,
      file: path.relative(root, card.file),
      message,
      examples,
    };
  });
  return {
    state: {
      dir: root,
      version: (previous?.version ?? 0) + (previous ? 1 : 0),
      checkedAt: new Date().toISOString(),
      problems: problems.map((p) => ({ ...p, file: path.relative(root, p.file) || p.file })),
      ...(unmatched !== undefined && { unmatched }),
      cards,
    },
    catalog: problems.length === 0 ? catalog : null,
    recommender: problems.length === 0 ? recommender : null,
  };
}

/**
 * Watches the directory (and its concepts/ folder) and calls `changed` once a burst of writes
 * has settled. Editors save by writing, renaming or replacing: any event counts.
 */
export function watchCards(dir: string, changed: () => void, settleMs = 150): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const onEvent = () => {
    clearTimeout(timer);
    timer = setTimeout(changed, settleMs);
  };
  for (const folder of [dir, path.join(dir, "concepts")]) {
    try {
      const watcher = watch(folder, onEvent);
      watcher.on("error", () => {});
      watchers.push(watcher);
    } catch {
      // No concepts folder: nothing to watch there.
    }
  }
  return () => {
    clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
