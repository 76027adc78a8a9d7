/**
 * The Answer as a Slack message: the scenario on show, why, what else to consider, buttons. The
 * message is rendered from the Answer alone (plus the message's own facts, MessageFacts); its
 * buttons carry that Answer (buttons.ts), so a click renders it again the same way.
 */
import type { MatchedAnswer } from "../../answer/answer.js";
import { QUESTION_MAX_CHARS } from "../../answer/question.js";
import { AXES, axisNote, valueLabel } from "../../catalog/axes.js";
import type { Catalog, Scenario } from "../../catalog/types.js";
import { docsUrl, flowLabel } from "../../catalog/urls.js";
import { ACTION, buttonValueEncoder, encodeIdValue } from "../buttons.js";
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

/**
 * The facts of one answer message beside its Answer: the scenario on show, how it came to be
 * shown, who shared it, where Share posts. A click reads them back from its button (OnMessage).
 */
export interface MessageFacts {
  /** The scenario on show: the match (the default), or one the user picked or clarified to. */
  shown?: Scenario | undefined;
  /** The scenario on show was chosen by answering the clarifying question. */
  clarified?: boolean | undefined;
  /** User id of whoever shared it in the channel. */
  sharedBy?: string | undefined;
  /** Share posts into this thread (a message shortcut's answer), not the channel. */
  shareThread?: string | undefined;
}

const QUESTION_MAX = 500;
const TERM_MAX = 40;
const TERMS_SHOWN = 10;
const ALTERNATIVES_SHOWN = 5;

/** Under the question, when it was cut. */
export const CUT_NOTE = `:scissors: Only the first ${QUESTION_MAX_CHARS.toLocaleString("en-US")} characters of your question were read.`;

/**
 * The answer as its message shows it, which is what its buttons carry: the question on one line
 * and cut to what is shown, the first alternatives, the why terms on one line each.
 */
function asShown(answer: MatchedAnswer): MatchedAnswer {
  return {
    ...answer,
    question: {
      ...answer.question,
      text: visiblePart(oneLine(answer.question.text), QUESTION_MAX),
    },
    alternatives: answer.alternatives.slice(0, ALTERNATIVES_SHOWN),
    why: answer.why.slice(0, TERMS_SHOWN).map((term) => visiblePart(oneLine(term), TERM_MAX)),
  };
}

/** The answer message for an answer with a match, with the buttons its placement allows. */
export function answerMessage(
  given: MatchedAnswer,
  placement: Placement,
  docsBaseUrl: string,
  facts: MessageFacts = {},
): SlackMessage {
  const answer = asShown(given);
  const match = answer.match.scenario;
  const shown = facts.shown ?? match;
  const card = cardParts(shown, docsBaseUrl);
  const { url } = card;
  const blocks: KnownBlock[] = [card.header];

  const asked = oneLine(answer.question.text);
  if (asked !== "") {
    const who = facts.sharedBy === undefined ? "You asked" : `<@${facts.sharedBy}> asked`;
    blocks.push(context(`${who}: ${mrkdwn(asked, QUESTION_MAX)}`));
  }
  if (answer.question.cut) blocks.push(context(CUT_NOTE));

  blocks.push(...card.body);
  const why = whyLine(answer, shown, facts.clarified === true);
  if (why !== "") blocks.push(context(why));
  const alsoCard = answer.also?.scenario;
  const also = alsoCard !== undefined && alsoCard.id !== shown.id ? alsoCard : undefined;
  if (also !== undefined) {
    blocks.push(
      context(
        `*Also applies:* ${scenarioLink(also, docsBaseUrl)} — ${mrkdwn(also.summary, SUMMARY_IN_LIST_MAX)}`,
      ),
    );
  }

  // The clarifying question, until it is answered, on the answer as given (not on a pick).
  const clarify = answer.clarify;
  const asking = clarify !== null && !facts.clarified && shown.id === match.id;
  const offered = new Set(asking ? clarify.options.map((o) => o.scenario.id) : []);
  const others = [match, ...answer.alternatives.map((a) => a.scenario)]
    .filter((s) => s.id !== shown.id && s.id !== also?.id && !offered.has(s.id))
    .slice(0, ALTERNATIVES_SHOWN);
  // The buttons that rebuild the message carry the answer and the message's facts; only the
  // scenario they act on differs. Feedback and More carry the answer's id and the card on show.
  const valueFor = buttonValueEncoder(answer, {
    clarified: facts.clarified,
    shareThread: facts.shareThread,
  });
  const idValue = encodeIdValue(answer.id, shown.id);
  const withId = (text: string, actionId: string): Button =>
    button(text, actionId, { value: idValue });
  const shareValue = placement === "ephemeral" ? valueFor(shown.id) : undefined;
  blocks.push(
    ...actions([
      ...linkButton("Read the docs", ACTION.docs, url, true),
      withId("More", ACTION.more),
      ...(shareValue === undefined
        ? []
        : [button("Share in channel", ACTION.share, { value: shareValue })]),
      withId(":thumbsup: Helpful", ACTION.helpful),
      withId(":thumbsdown: Not quite", ACTION.notQuite),
    ]),
  );

  if (asking) {
    const choices = clarify.options.flatMap((option, i): Button[] => {
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
          `*${mrkdwn(clarify.question, LIMITS.headerText)}* Tell me, and I'll narrow it down.`,
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
      const closeCall = answer.ambiguous && shown.id === match.id;
      blocks.push(context(closeCall ? "*Close call. Also consider:*" : "*Also consider:*"));
      blocks.push(...actions([...otherButtons, withId("None of these", ACTION.noneOfThese)]));
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

function whyLine(answer: MatchedAnswer, shown: Scenario, clarified: boolean): string {
  const quote = (text: string) => `“${mrkdwn(text, TERM_MAX)}”`;
  if (answer.guided !== undefined) {
    const guided = answer.guided;
    const chosen = AXES.flatMap((axis) => {
      const value = guided[axis];
      return value === undefined ? [] : [quote(valueLabel(axis, value))];
    });
    return `*Why:* you chose ${chosen.join(" and ")}.`;
  }
  const answered = clarified ? answer.clarify : null;
  const said = answered && shown.axes[answered.axis];
  if (answered && said) {
    return `*Why:* you answered ${quote(answered.question)} with ${quote(valueLabel(answered.axis, said))}.`;
  }
  if (shown.id !== answer.match.scenario.id) return "*Why:* you picked it from the alternatives.";
  const label = answer.confidence === "low" ? "*Why (a best guess):*" : "*Why:*";
  const terms = answer.why
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
