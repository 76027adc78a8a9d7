/**
 * Block Kit rendering: pure functions from catalog data to Slack messages and views. Every
 * string is escaped and fitted here, so Block Kit's limits hold whatever a card or a user says.
 */
import type { types } from "@slack/bolt";
import type { Catalog, Scenario } from "../catalog/types.js";
import { docsUrl, flowLabel } from "../catalog/urls.js";
import { ACTION, encodeButtonValue } from "./buttons.js";
import { escapeMrkdwn, link, mrkdwn, oneLine, plain, readableSlackText } from "./mrkdwn.js";

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type Button = types.Button;

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

/**
 * Where a card is shown, which decides its buttons: the ephemeral `/scenario` answer can replace
 * itself and be shared; a DM is private, so it can be replaced; a public reply (mention thread,
 * shared card) links alternatives instead of replacing itself for everyone.
 */
export type Surface = "ephemeral" | "dm" | "public";

export interface Card {
  scenario: Scenario;
  /** The question as Slack sent it (raw markup); shown escaped. */
  question: string;
  /** The "why": terms that supported this scenario. */
  matchedTerms: readonly string[];
  alternatives: readonly Scenario[];
  /** The top candidates were too close to tell apart. */
  ambiguous: boolean;
  /** Chosen by the user from the alternatives rather than matched. */
  picked: boolean;
  /** User id of whoever shared the card in the channel. */
  sharedBy?: string | undefined;
  /** The recorded answer, carried by the buttons so that feedback links to it. */
  answerId?: string | undefined;
}

const QUESTION_MAX = 500;
const TERM_MAX = 40;
const TERMS_SHOWN = 10;
const ALTERNATIVES_SHOWN = 5;
const EXAMPLE_MAX = 200;
const SUMMARY_IN_LIST_MAX = 300;
/** Longer URLs are not linked in lists (a cut link is broken markup). */
const URL_IN_TEXT_MAX = 1000;

const FALLBACK_EXAMPLES = [
  "How should my single-page app call my own API?",
  "A mobile app that signs users in and calls our backend",
  "Service-to-service calls with no user present",
];

// ---------------------------------------------------------------- block helpers

function header(text: string): types.HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: plain(text, LIMITS.headerText) } };
}

/** `text` must already be escaped mrkdwn. */
function section(text: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: text || " " } };
}

/** `text` must already be escaped mrkdwn. */
function context(text: string): types.ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: text || " " }] };
}

const divider: types.DividerBlock = { type: "divider" };

function button(text: string, actionId: string, extra: Partial<Button>): Button {
  return {
    type: "button",
    text: { type: "plain_text", text: plain(text, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    ...extra,
  };
}

/** A link button, or nothing if the URL is too long for Block Kit. */
function linkButton(text: string, actionId: string, url: string, primary = false): Button[] {
  if (url.length > LIMITS.buttonUrl) return [];
  return [button(text, actionId, primary ? { url, style: "primary" } : { url })];
}

function actions(elements: Button[]): types.ActionsBlock[] {
  return elements.length > 0 ? [{ type: "actions", elements }] : [];
}

/** A mrkdwn link to the scenario's docs page, or just its (escaped) title if the URL is huge. */
function scenarioLink(scenario: Scenario, docsBaseUrl: string): string {
  const url = docsUrl(scenario, docsBaseUrl);
  const title = mrkdwn(scenario.title, LIMITS.headerText);
  return escapeMrkdwn(url).length <= URL_IN_TEXT_MAX ? link(url, title) : title;
}

/**
 * Packs lines into as few sections as fit in `maxSections`; lines that do not fit are counted
 * in a closing "…and N more" so nothing vanishes silently. Each line must be ≤ ~2000 chars.
 */
function packSections(lines: readonly string[], maxSections: number, sep: string): SectionBlock[] {
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

// ---------------------------------------------------------------- shared pieces

function statusLabel(scenario: Scenario): string {
  return scenario.status === "under-construction" ? "under construction in the docs" : "published";
}

/** `• *Title* — summary` (linked), with a construction sign where the docs are incomplete. */
function listLine(scenario: Scenario, docsBaseUrl: string): string {
  const sign = scenario.status === "under-construction" ? " :construction:" : "";
  return `• *${scenarioLink(scenario, docsBaseUrl)}*${sign} — ${mrkdwn(scenario.summary, SUMMARY_IN_LIST_MAX)}`;
}

/** Up to `n` example questions, one per scenario, from the catalog's own examples. */
function examples(catalog: Catalog, n: number): string[] {
  const fromCatalog = catalog.scenarios.flatMap((s) => s.examples.slice(0, 1));
  return (fromCatalog.length > 0 ? fromCatalog : FALLBACK_EXAMPLES)
    .slice(0, n)
    .map((example) => mrkdwn(oneLine(example), EXAMPLE_MAX));
}

const HOW_TO_ASK = [
  "*How to ask*",
  "• `/scenario <your question>`: the scenario that fits, shown only to you, ready to share",
  "• `/scenario list`: every scenario, and `/scenario help`: this help",
  "• Mention me in a channel: I answer in a thread",
  "• Or send me a direct message",
].join("\n");

const WHAT_IT_DOES =
  "I point you to the *Auth0 architecture scenario* that fits what you are building: which app " +
  "type, protocol and flow, and the docs page to read next. Describe your app in your own words.";

// ---------------------------------------------------------------- messages

/** The answer card for one scenario. */
export function scenarioCard(card: Card, surface: Surface, docsBaseUrl: string): SlackMessage {
  const { scenario } = card;
  const url = docsUrl(scenario, docsBaseUrl);
  const blocks: KnownBlock[] = [header(scenario.title)];

  const asked = oneLine(readableSlackText(card.question));
  if (asked !== "") {
    const who = card.sharedBy === undefined ? "You asked" : `<@${card.sharedBy}> asked`;
    blocks.push(context(`${who}: ${mrkdwn(asked, QUESTION_MAX)}`));
  }

  blocks.push(section(mrkdwn(scenario.summary, LIMITS.sectionText)));
  const protocols = scenario.protocols.join(", ") || "—";
  const flows = scenario.flows.map(flowLabel).join(", ") || "—";
  blocks.push({
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*Protocol*\n${mrkdwn(protocols, LIMITS.sectionFieldText - 20)}` },
      { type: "mrkdwn", text: `*Flow*\n${mrkdwn(flows, LIMITS.sectionFieldText - 20)}` },
    ],
  });
  if (scenario.flowNote) {
    blocks.push(context(`:bulb: ${mrkdwn(scenario.flowNote, LIMITS.sectionText - 20)}`));
  }
  if (scenario.status === "under-construction") {
    blocks.push(
      context(
        ":construction: This scenario is *under construction in the Auth0 docs*: the page may be incomplete.",
      ),
    );
  }
  const why = whyLine(card);
  if (why !== "") blocks.push(context(why));

  const { question, answerId } = card;
  const value = encodeButtonValue({ scenarioId: scenario.id, question, answerId });
  const withValue = (text: string, actionId: string): Button[] =>
    value === undefined ? [] : [button(text, actionId, { value })];
  blocks.push(
    ...actions([
      ...linkButton("Read the docs", ACTION.docs, url, true),
      ...(surface === "ephemeral" ? withValue("Share in channel", ACTION.share) : []),
      ...withValue(":thumbsup: Helpful", ACTION.helpful),
      ...withValue(":thumbsdown: Not quite", ACTION.notQuite),
    ]),
  );

  const alternatives = card.alternatives.slice(0, ALTERNATIVES_SHOWN);
  if (alternatives.length > 0) {
    const altButtons = alternatives.flatMap((alt, i): Button[] => {
      if (surface === "public") {
        return linkButton(alt.title, `${ACTION.altDocs}_${i}`, docsUrl(alt, docsBaseUrl));
      }
      const altValue = encodeButtonValue({ scenarioId: alt.id, question, answerId });
      return altValue === undefined
        ? []
        : [button(alt.title, `${ACTION.pick}_${i}`, { value: altValue })];
    });
    if (altButtons.length > 0) {
      blocks.push(context(card.ambiguous ? "*Close call. Also consider:*" : "*Also consider:*"));
      blocks.push(...actions([...altButtons, ...withValue("None of these", ACTION.noneOfThese)]));
    }
  }

  return {
    text: mrkdwn(`${scenario.title}: ${scenario.summary}`, LIMITS.fallbackText),
    blocks,
  };
}

function whyLine(card: Card): string {
  if (card.picked) return "*Why:* you picked it from the alternatives.";
  const terms = card.matchedTerms
    .slice(0, TERMS_SHOWN)
    .map((term) => `“${mrkdwn(oneLine(term), TERM_MAX)}”`);
  return terms.length > 0 ? `*Why:* your question mentions ${terms.join(", ")}.` : "";
}

/** No scenario fits: say so, show how to ask, offer the closest ones and the whole list. */
export function noMatchMessage(
  question: string,
  closest: readonly Scenario[],
  catalog: Catalog,
  docsBaseUrl: string,
): SlackMessage {
  const asked = mrkdwn(oneLine(readableSlackText(question)), QUESTION_MAX);
  const blocks: KnownBlock[] = [
    section(`I couldn't find an architecture scenario that fits “${asked}”.`),
    section(
      "Try describing *the kind of app* (single-page app, mobile app, server-side web app, " +
        "backend service) and *what it needs* (sign users in, call your own API, call it with no " +
        `user present). For example:\n${bullets(examples(catalog, 3))}`,
    ),
  ];
  if (closest.length > 0) {
    const links = closest.slice(0, ALTERNATIVES_SHOWN).map((s) => scenarioLink(s, docsBaseUrl));
    blocks.push(context(`Closest: ${links.join(", ")}`));
  }
  blocks.push(divider, section("*All scenarios*"));
  blocks.push(
    ...packSections(catalogLines(catalog, docsBaseUrl), LIMITS.messageBlocks - blocks.length, "\n"),
  );
  return {
    text: "No scenario fits that question. Here is how to ask, and every scenario.",
    blocks,
  };
}

function bullets(lines: readonly string[]): string {
  return lines.map((line) => `• ${line}`).join("\n");
}

function catalogLines(catalog: Catalog, docsBaseUrl: string): string[] {
  return catalog.scenarios.map((s) => listLine(s, docsBaseUrl));
}

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

/** Acknowledges a "Helpful", "Not quite" or "None of these" click (only the clicker sees it). */
export function feedbackMessage(
  kind: "helpful" | "not_quite" | "none_of_these",
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

/** `/scenario stats` for admins: the short review report, as preformatted text. */
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

/** `/scenario stats` for anyone not in ADMIN_USER_IDS. */
export function adminsOnlyMessage(): SlackMessage {
  const text = "`/scenario stats` is for the app's admins (ADMIN_USER_IDS).";
  return { text, blocks: [context(text)] };
}

/** A button pointed at a scenario that is no longer in the catalog. */
export function goneMessage(): SlackMessage {
  const text = "That scenario is no longer in the catalog. Ask again to get a fresh answer.";
  return { text, blocks: [context(text)] };
}

// ---------------------------------------------------------------- App Home

/** The Home tab: what the bot does, how to ask, and the whole catalog. */
export function homeView(catalog: Catalog, docsBaseUrl: string): types.HomeView {
  const lines = catalog.scenarios.map(
    (s) =>
      `*${scenarioLink(s, docsBaseUrl)}*  ·  _${statusLabel(s)}_\n${mrkdwn(s.summary, SUMMARY_IN_LIST_MAX)}`,
  );
  const blocks: KnownBlock[] = [
    header("Scenario Advisor"),
    section(WHAT_IT_DOES),
    section(HOW_TO_ASK),
    section(`*Examples*\n${bullets(examples(catalog, 4).map((e) => `_${e}_`))}`),
    divider,
    header(`The catalog: ${catalog.scenarios.length} scenarios`),
  ];
  blocks.push(...packSections(lines, LIMITS.viewBlocks - blocks.length, "\n\n"));
  return { type: "home", blocks };
}
