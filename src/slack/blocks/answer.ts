/** The answer as a Slack message: the scenario on show, why, what else to consider, buttons. */
import type { Answer } from "../../answer/answer.js";
import { type ClarifyingQuestion, questionFor } from "../../answer/axes.js";
import type { GuidedAnswer } from "../../answer/guided-answer.js";
import { QUESTION_MAX_CHARS } from "../../answer/question.js";
import { AXES, type Axes, axisNote, valueLabel } from "../../catalog/axes.js";
import type { Catalog, Scenario } from "../../catalog/types.js";
import { docsUrl, flowLabel } from "../../catalog/urls.js";
import type { Confidence } from "../../matching/types.js";
import { ACTION, type ButtonValue, buttonValueEncoder } from "../buttons.js";
import { mrkdwn, oneLine, visiblePart } from "../mrkdwn.js";
import {
  actions,
  type Button,
  bullets,
  button,
  catalogLines,
  context,
  divider,
  examples,
  header,
  type KnownBlock,
  LIMITS,
  linkButton,
  packSections,
  type SlackMessage,
  SUMMARY_IN_LIST_MAX,
  scenarioLink,
  section,
} from "./kit.js";

/**
 * Where a reply goes, which decides an answer's buttons: the ephemeral `/scenario` answer can
 * replace itself and be shared; a DM is private, so it can be replaced; a public reply (mention
 * thread, shared answer) links alternatives instead of replacing itself for everyone.
 */
export type Placement = "ephemeral" | "dm" | "public";

/** An answer with a match, as a message shows it; its buttons carry exactly this. */
export interface AnswerView {
  answerId: string;
  /** The question, as much of it as the message shows (plain text, one line). */
  question: string;
  match: Scenario;
  alternatives: readonly Scenario[];
  /** The why terms, as the message shows them. */
  why: readonly string[];
  confidence: Confidence;
  ambiguous: boolean;
  /** The scenario on show: the match, or an alternative the user picked. */
  shown: Scenario;
  /** User id of whoever shared it in the channel. */
  sharedBy?: string | undefined;
  /** The question was cut (Question.cut): the message says so. */
  cut?: boolean;
  /** A card on the other axis that fits too: the "Also applies" line. */
  also?: Scenario | undefined;
  /** The one clarifying question the answer asks, each option leading to a card. */
  clarify?: ClarifyingQuestion | undefined;
  /** The scenario on show was chosen by answering the clarifying question. */
  clarified?: boolean | undefined;
  /** A guided answer: the axes chosen in the guided chooser. */
  guided?: Axes | undefined;
  /** Share posts into this thread (a message shortcut's answer), not the channel. */
  shareThread?: string | undefined;
}

const QUESTION_MAX = 500;
const TERM_MAX = 40;
const TERMS_SHOWN = 10;
const ALTERNATIVES_SHOWN = 5;

/** Under the question, when it was cut. */
export const CUT_NOTE = `:scissors: Only the first ${QUESTION_MAX_CHARS.toLocaleString("en-US")} characters of your question were read.`;

/** An answer's view, showing its match; null when it has none (see noMatchMessage). */
export function answerView(answer: Answer): AnswerView | null {
  const { match, confidence } = answer;
  if (match === null || confidence === null) return null;
  return {
    answerId: answer.id,
    question: visiblePart(oneLine(answer.question.text), QUESTION_MAX),
    match: match.scenario,
    alternatives: answer.alternatives.slice(0, ALTERNATIVES_SHOWN).map((a) => a.scenario),
    why: answer.why.slice(0, TERMS_SHOWN).map((term) => visiblePart(oneLine(term), TERM_MAX)),
    confidence,
    ambiguous: answer.ambiguous,
    shown: match.scenario,
    cut: answer.question.cut,
    also: answer.also?.scenario,
    clarify: answer.clarify ?? undefined,
  };
}

/** A guided answer's view: the leading card, what was chosen, and the card that also applies. */
export function guidedView(guided: GuidedAnswer): AnswerView {
  return {
    answerId: guided.id,
    question: visiblePart(oneLine(guided.question.text), QUESTION_MAX),
    match: guided.lead,
    alternatives: [],
    why: [],
    confidence: "high",
    ambiguous: false,
    shown: guided.lead,
    also: guided.also ?? undefined,
    guided: guided.choice,
  };
}

/**
 * The view a button describes, showing the scenario the button acts on; null when that scenario
 * or the match has left the catalog since (alternatives that left are dropped).
 */
export function viewFromButton(value: ButtonValue, catalog: Catalog): AnswerView | null {
  const shown = catalog.get(value.scenarioId);
  const match = catalog.get(value.matchId);
  if (shown === undefined || match === undefined) return null;
  const clarify = value.openAxis && questionFor(match, value.openAxis, catalog);
  return {
    answerId: value.answerId,
    question: value.question,
    match,
    alternatives: value.alternativeIds.flatMap((id) => catalog.get(id) ?? []),
    why: value.why,
    confidence: value.confidence,
    ambiguous: value.ambiguous,
    shown,
    also: value.also === undefined ? undefined : catalog.get(value.also),
    clarify: clarify && clarify.options.length >= 2 ? clarify : undefined,
    clarified: value.clarified,
    guided: value.guided,
    shareThread: value.shareThread,
  };
}

/** The answer message for a view, with the buttons its placement allows. */
export function answerMessage(
  view: AnswerView,
  placement: Placement,
  docsBaseUrl: string,
): SlackMessage {
  const { shown } = view;
  const card = cardParts(shown, docsBaseUrl);
  const { url } = card;
  const blocks: KnownBlock[] = [card.header];

  const asked = oneLine(view.question);
  if (asked !== "") {
    const who = view.sharedBy === undefined ? "You asked" : `<@${view.sharedBy}> asked`;
    blocks.push(context(`${who}: ${mrkdwn(asked, QUESTION_MAX)}`));
  }
  if (view.cut) blocks.push(context(CUT_NOTE));

  blocks.push(...card.body);
  const why = whyLine(view);
  if (why !== "") blocks.push(context(why));
  const also = view.also !== undefined && view.also.id !== shown.id ? view.also : undefined;
  if (also !== undefined) {
    blocks.push(
      context(
        `*Also applies:* ${scenarioLink(also, docsBaseUrl)} — ${mrkdwn(also.summary, SUMMARY_IN_LIST_MAX)}`,
      ),
    );
  }

  // The clarifying question, until it is answered, on the answer as given (not on a pick).
  const asking = view.clarify !== undefined && !view.clarified && shown.id === view.match.id;
  const offered = new Set(asking ? view.clarify?.options.map((o) => o.scenario.id) : []);
  // Every button carries the view's facts; only the scenario it acts on differs.
  const others = [view.match, ...view.alternatives]
    .filter((s) => s.id !== shown.id && s.id !== also?.id && !offered.has(s.id))
    .slice(0, ALTERNATIVES_SHOWN);
  const facts: Omit<ButtonValue, "scenarioId"> = {
    answerId: view.answerId,
    question: view.question,
    matchId: view.match.id,
    alternativeIds: view.alternatives.slice(0, ALTERNATIVES_SHOWN).map((s) => s.id),
    why: [...view.why],
    confidence: view.confidence,
    ambiguous: view.ambiguous,
    also: view.also?.id,
    openAxis: view.clarify?.axis,
    clarified: view.clarified,
    guided: view.guided,
    shareThread: view.shareThread,
  };
  const valueFor = buttonValueEncoder(facts);
  const value = valueFor(shown.id);
  const withValue = (text: string, actionId: string): Button[] =>
    value === undefined ? [] : [button(text, actionId, { value })];
  blocks.push(
    ...actions([
      ...linkButton("Read the docs", ACTION.docs, url, true),
      ...withValue("More", ACTION.more),
      ...(placement === "ephemeral" ? withValue("Share in channel", ACTION.share) : []),
      ...withValue(":thumbsup: Helpful", ACTION.helpful),
      ...withValue(":thumbsdown: Not quite", ACTION.notQuite),
    ]),
  );

  if (asking && view.clarify !== undefined) {
    const choices = view.clarify.options.flatMap((option, i): Button[] => {
      const choiceValue = valueFor(option.scenario.id);
      return choiceValue === undefined
        ? []
        : [
            // A label is the axis value's wording; a blank one would make a blank button.
            button(oneLine(option.label) || option.scenario.title, `${ACTION.clarify}_${i}`, {
              value: choiceValue,
            }),
          ];
    });
    if (choices.length >= 2) {
      blocks.push(
        section(
          `*${mrkdwn(view.clarify.question, LIMITS.headerText)}* Tell me, and I'll narrow it down.`,
        ),
        ...actions(choices),
      );
    }
  }

  if (others.length > 0) {
    const otherButtons = others.flatMap((other, i): Button[] => {
      if (placement === "public") {
        return linkButton(other.title, `${ACTION.altDocs}_${i}`, docsUrl(other, docsBaseUrl));
      }
      const pickValue = valueFor(other.id);
      return pickValue === undefined
        ? []
        : [button(other.title, `${ACTION.pick}_${i}`, { value: pickValue })];
    });
    if (otherButtons.length > 0) {
      const closeCall = view.ambiguous && shown.id === view.match.id;
      blocks.push(context(closeCall ? "*Close call. Also consider:*" : "*Also consider:*"));
      blocks.push(...actions([...otherButtons, ...withValue("None of these", ACTION.noneOfThese)]));
    }
  }

  return {
    text: card.text,
    blocks,
  };
}

/** What an answer message shows of a card whatever the question: the same for every answer. */
interface CardParts {
  url: string;
  header: KnownBlock;
  /** The summary, protocol and flow, and the card's notes. */
  body: readonly KnownBlock[];
  /** The message's fallback text. */
  text: string;
}

/**
 * A card's parts, built once per card and docs base (cards do not change while the app runs;
 * a reloaded catalog has new Scenario objects). Shared by every message: never changed.
 */
const cardPartsCache = new WeakMap<Scenario, Map<string, CardParts>>();

function cardParts(shown: Scenario, docsBaseUrl: string): CardParts {
  let byBase = cardPartsCache.get(shown);
  if (byBase === undefined) {
    byBase = new Map();
    cardPartsCache.set(shown, byBase);
  }
  const cached = byBase.get(docsBaseUrl);
  if (cached !== undefined) return cached;
  const blocks: KnownBlock[] = [];
  blocks.push(section(mrkdwn(shown.summary, LIMITS.sectionText)));
  const protocols = shown.protocols.join(", ") || "—";
  const flows = shown.flows.map(flowLabel).join(", ") || "—";
  blocks.push({
    type: "section",
    fields: [
      { type: "mrkdwn", text: `*Protocol*\n${mrkdwn(protocols, LIMITS.sectionFieldText - 20)}` },
      { type: "mrkdwn", text: `*Flow*\n${mrkdwn(flows, LIMITS.sectionFieldText - 20)}` },
    ],
  });
  if (shown.flowNote) {
    blocks.push(context(`:bulb: ${mrkdwn(shown.flowNote, LIMITS.sectionText - 20)}`));
  }
  if (shown.pickOver) {
    blocks.push(
      context(`:twisted_rightwards_arrows: ${mrkdwn(shown.pickOver, LIMITS.sectionText - 40)}`),
    );
  }
  const axis = axisNote(shown.axes);
  if (axis !== "") blocks.push(context(`:compass: ${mrkdwn(axis, LIMITS.sectionText - 20)}`));
  if (shown.status === "under-construction") {
    blocks.push(
      context(
        ":construction: This scenario is *under construction in the Auth0 docs*: the page may be incomplete.",
      ),
    );
  }
  const parts: CardParts = {
    url: docsUrl(shown, docsBaseUrl),
    header: header(shown.title),
    body: blocks,
    text: mrkdwn(`${shown.title}: ${shown.summary}`, LIMITS.fallbackText),
  };
  // A docs base per settings: a handful at most.
  if (byBase.size < 8) byBase.set(docsBaseUrl, parts);
  return parts;
}

function whyLine(view: AnswerView): string {
  const quote = (text: string) => `“${mrkdwn(text, TERM_MAX)}”`;
  if (view.guided !== undefined) {
    const guided = view.guided;
    const chosen = AXES.flatMap((axis) => {
      const value = guided[axis];
      return value === undefined ? [] : [quote(valueLabel(axis, value))];
    });
    return `*Why:* you chose ${chosen.join(" and ")}.`;
  }
  const clarified = view.clarified ? view.clarify : undefined;
  const said = clarified && view.shown.axes[clarified.axis];
  if (clarified && said) {
    return `*Why:* you answered ${quote(clarified.question)} with ${quote(valueLabel(clarified.axis, said))}.`;
  }
  if (view.shown.id !== view.match.id) return "*Why:* you picked it from the alternatives.";
  const label = view.confidence === "low" ? "*Why (a best guess):*" : "*Why:*";
  const terms = view.why
    .slice(0, TERMS_SHOWN)
    .map((term) => `“${mrkdwn(oneLine(term), TERM_MAX)}”`);
  return terms.length > 0 ? `${label} your question mentions ${terms.join(", ")}.` : "";
}

/** No scenario fits: say so, show how to ask, offer the closest ones and the whole list. */
export function noMatchMessage(
  question: string,
  closest: readonly Scenario[],
  catalog: Catalog,
  docsBaseUrl: string,
  cut = false,
  /** A button offered beside the advice: the guided chooser's, where one can open. */
  offer: Button[] = [],
): SlackMessage {
  const asked = mrkdwn(oneLine(question), QUESTION_MAX);
  const blocks: KnownBlock[] = [
    section(`I couldn't find an architecture scenario that fits “${asked}”.`),
    ...(cut ? [context(CUT_NOTE)] : []),
    section(
      "Try describing *the kind of app* (single-page app, mobile app, server-side web app, " +
        "backend service) and *what it needs* (sign users in, call your own API, call it with no " +
        `user present). For example:\n${bullets(examples(catalog, 3))}`,
    ),
    ...(offer.length > 0 ? [context("Or answer two questions instead:"), ...actions(offer)] : []),
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
