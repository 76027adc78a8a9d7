/** The bot's other messages: list, help, greeting, stats, feedback thanks, and apologies. */
import type { Catalog, Scenario } from "../../catalog/types.js";
import type { FeedbackKind } from "../../store/types.js";
import { mrkdwn } from "../mrkdwn.js";
import {
  bullets,
  catalogLines,
  context,
  examples,
  HOW_TO_ASK,
  header,
  type KnownBlock,
  LIMITS,
  packSections,
  type SlackMessage,
  section,
  WHAT_IT_DOES,
} from "./kit.js";

/** `/scenario list`: every scenario with its summary and link. */
export function listMessage(catalog: Catalog, docsBaseUrl: string): SlackMessage {
  const blocks: KnownBlock[] = [
    header(`Auth0 architecture scenarios (${catalog.scenarios.length})`),
  ];
  blocks.push(...packSections(catalogLines(catalog, docsBaseUrl), LIMITS.messageBlocks - 2, "\n"));
  blocks.push(context("Ask `/scenario <your question>` to get the one that fits."));
  return { text: `${catalog.scenarios.length} Auth0 architecture scenarios`, blocks };
}

/** `/scenario help` (or nothing): usage with examples. */
export function helpMessage(catalog: Catalog): SlackMessage {
  return {
    text: "Ask /scenario followed by your question; /scenario list shows every scenario.",
    blocks: [
      section(WHAT_IT_DOES),
      section(HOW_TO_ASK),
      section(`*Try*\n${bullets(examples(catalog, 3).map((e) => `\`/scenario\` ${e}`))}`),
    ],
  };
}

/** The reply to "hi": a short intro with examples, not a scenario. */
export function greetingMessage(catalog: Catalog): SlackMessage {
  return {
    text: "Hi! Describe what you are building and I'll point you to the Auth0 scenario that fits.",
    blocks: [
      section(
        `:wave: Hi! ${WHAT_IT_DOES}\n\nFor example:\n${bullets(examples(catalog, 3).map((e) => `_${e}_`))}`,
      ),
      context("Say `list` for every scenario, or `help` for more."),
    ],
  };
}

/** The reply to a whole-message "thanks": one line, not a "no match". */
export function thanksMessage(): SlackMessage {
  const text =
    "You're welcome. Ask again any time you are choosing how people or services sign in.";
  return { text, blocks: [section(`:slightly_smiling_face: ${text}`)] };
}

/** Acknowledges a "Helpful", "Not quite" or "None of these" click (only the clicker sees it). */
export function feedbackMessage(
  kind: Exclude<FeedbackKind, "picked">,
  scenario: Scenario | undefined,
): SlackMessage {
  const title =
    scenario === undefined ? "" : ` about *${mrkdwn(scenario.title, LIMITS.headerText)}*`;
  const text =
    kind === "helpful"
      ? `Thanks for the feedback${title}: glad it helped.`
      : kind === "not_quite"
        ? `Thanks for the feedback${title}. Try rephrasing, or \`/scenario list\` to browse every scenario.`
        : "Thanks: noted that none of these fit. Try rephrasing, or `/scenario list` to browse every scenario.";
  return { text, blocks: [context(text)] };
}

/** The stats for admins: the short review report, as preformatted text. */
export function statsMessage(report: string | undefined): SlackMessage {
  const text =
    report === undefined
      ? "No statistics: question recording is off or its database is unavailable."
      : report;
  return {
    text: mrkdwn(text, LIMITS.fallbackText),
    blocks: [section(`\`\`\`${mrkdwn(text, LIMITS.sectionText - 6)}\`\`\``)],
  };
}

/** The stats, asked for by anyone not in ADMIN_USER_IDS. */
export function adminsOnlyMessage(): SlackMessage {
  const text = "`/scenario stats` is for the app's admins (ADMIN_USER_IDS).";
  return { text, blocks: [context(text)] };
}

/** A button that no longer describes an answer: its scenario left the catalog, or it is old. */
export function staleMessage(): SlackMessage {
  const text = "That answer is out of date. Ask again to get a fresh one.";
  return { text, blocks: [context(text)] };
}

/** Something failed while answering: say so instead of staying silent. */
export function apologyMessage(): SlackMessage {
  const text = "Sorry, something went wrong while answering. Please try again in a moment.";
  return { text, blocks: [context(`:warning: ${text}`)] };
}

/** "Find the scenario" on a message with no text to read: an image, a file, a bare emoji. */
export function noTextMessage(): SlackMessage {
  const text =
    "That message has no text I can read (an image or a file?). Use *Find the scenario* on a " +
    "message that describes what is being built, or ask with `/scenario <your question>`.";
  return { text, blocks: [context(text)] };
}
