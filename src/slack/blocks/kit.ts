/**
 * Block Kit building blocks shared by every message and view. Every string is escaped and
 * fitted here or in the callers, so Block Kit's limits hold whatever a card or a user says.
 */
import type { types } from "@slack/bolt";
import type { Catalog, Scenario } from "../../catalog/types.js";
import { docsUrl } from "../../catalog/urls.js";
import { escapeMrkdwn, link, mrkdwn, oneLine, plain } from "../mrkdwn.js";

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type Button = types.Button;

/** Block Kit limits (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonUrl: 3000,
  actionId: 255,
  /** Our own cap on the fallback `text` (Slack's is higher; 3000 keeps notifications short). */
  fallbackText: 3000,
} as const;

/** What a message carries: blocks and the plain `text` fallback for notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

const EXAMPLE_MAX = 200;
export const SUMMARY_IN_LIST_MAX = 300;
/** Longer URLs are not linked in lists (a cut link is broken markup). */
const URL_IN_TEXT_MAX = 1000;

const FALLBACK_EXAMPLES = [
  "How should my single-page app call my own API?",
  "A mobile app that signs users in and calls our backend",
  "Service-to-service calls with no user present",
];

export function header(text: string): types.HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: plain(text, LIMITS.headerText) } };
}

/** `text` must already be escaped mrkdwn. */
export function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: text || " " } };
}

/** `text` must already be escaped mrkdwn. */
export function context(text: string): types.ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: text || " " }] };
}

export const divider: types.DividerBlock = { type: "divider" };

export function button(text: string, actionId: string, extra: Partial<Button>): Button {
  return {
    type: "button",
    text: { type: "plain_text", text: plain(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    ...extra,
  };
}

/** A link button, or nothing if the URL is too long for Block Kit. */
export function linkButton(text: string, actionId: string, url: string, primary = false): Button[] {
  if (url.length > LIMITS.buttonUrl) return [];
  return [button(text, actionId, primary ? { url, style: "primary" } : { url })];
}

export function actions(elements: Button[]): types.ActionsBlock[] {
  return elements.length > 0 ? [{ type: "actions", elements }] : [];
}

/** A mrkdwn link to the scenario's docs page, or just its (escaped) title if the URL is huge. */
export function scenarioLink(scenario: Scenario, docsBaseUrl: string): string {
  const url = docsUrl(scenario, docsBaseUrl);
  const title = mrkdwn(scenario.title, LIMITS.headerText);
  return escapeMrkdwn(url).length <= URL_IN_TEXT_MAX ? link(url, title) : title;
}

/**
 * Packs lines into as few sections as fit in `maxSections`; lines that do not fit are counted
 * in a closing "…and N more" so nothing vanishes silently. Each line must be ≤ ~2000 chars.
 */
export function packSections(
  lines: readonly string[],
  maxSections: number,
  sep: string,
): SectionBlock[] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (current.length > 0 && [...current, line].join(sep).length > LIMITS.sectionText) {
      chunks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  if (chunks.length > maxSections) {
    const kept = chunks.slice(0, maxSections);
    const last = kept[kept.length - 1] ?? [];
    let hidden = lines.length - kept.reduce((n, chunk) => n + chunk.length, 0);
    const more = () => `…and ${hidden} more.`;
    while (last.length > 0 && [...last, more()].join(sep).length > LIMITS.sectionText) {
      last.pop();
      hidden += 1;
    }
    last.push(more());
    return kept.map((chunk) => section(chunk.join(sep)));
  }
  return chunks.map((chunk) => section(chunk.join(sep)));
}

/** `• *Title* — summary` (linked), with a construction sign where the docs are incomplete. */
function listLine(scenario: Scenario, docsBaseUrl: string): string {
  const sign = scenario.status === "under-construction" ? " :construction:" : "";
  return `• *${scenarioLink(scenario, docsBaseUrl)}*${sign} — ${mrkdwn(scenario.summary, SUMMARY_IN_LIST_MAX)}`;
}

/** One list line per scenario in the catalog. */
export function catalogLines(catalog: Catalog, docsBaseUrl: string): string[] {
  return catalog.scenarios.map((s) => listLine(s, docsBaseUrl));
}

/** Up to `n` example questions, one per scenario, from the catalog's own examples. */
export function examples(catalog: Catalog, n: number): string[] {
  const fromCatalog = catalog.scenarios.flatMap((s) => s.examples.slice(0, 1));
  return (fromCatalog.length > 0 ? fromCatalog : FALLBACK_EXAMPLES)
    .slice(0, n)
    .map((example) => mrkdwn(oneLine(example), EXAMPLE_MAX));
}

export function bullets(lines: readonly string[]): string {
  return lines.map((line) => `• ${line}`).join("\n");
}

export const HOW_TO_ASK = [
  "*How to ask*",
  "• `/scenario <your question>`: the scenario that fits, shown only to you, ready to share",
  "• `/scenario guide`: two questions (what kind of app, who signs in) instead of a description",
  "• `/scenario list`: every scenario, and `/scenario help`: this help",
  "• Mention me in a channel: I answer in a thread",
  "• Or send me a direct message",
].join("\n");

export const WHAT_IT_DOES =
  "I point you to the *Auth0 architecture scenario* that fits what you are building: which app " +
  "type, protocol and flow, and the docs page to read next. Describe your app in your own words.";
