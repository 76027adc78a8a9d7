/**
 * Every value Slack hands back that the app wrote: what the answer message's buttons carry, and
 * the chooser modal's private_metadata (where its answer goes). Both are untrusted input: each is
 * decoded here, through one schema with limits (its length before it is parsed, counts, id
 * shapes) and a version, and refused (null) when it does not fit.
 *
 * Buttons that rebuild the message (Share, a Pick, a clarifying answer) carry the Answer
 * (src/answer/answer.ts) as their message shows it, not a question to match again: a click
 * rebuilds the message from it alone, so it shows the answer that was given (any instance can
 * serve the click, and a restart loses nothing). Feedback and More carry only the answer's id
 * and their card: that is all they use.
 */
import { z } from "zod";
import type { MatchedAnswer } from "../answer/answer.js";
import { AXES, AXIS_VALUES, questionFor } from "../catalog/axes.js";
import type { Catalog } from "../catalog/types.js";
import { SLACK_USER_ID } from "../text/slack-ids.js";
import { plain } from "./mrkdwn.js";
import { MetadataSeal } from "./seal.js";

/** action_ids of the answer's buttons; numbered ones get `_<index>` so they stay unique. */
export const ACTION = {
  docs: "scenario_docs",
  altDocs: "scenario_alt_docs",
  pick: "scenario_pick",
  share: "scenario_share",
  /** Opens the card in full (its body) in a modal. */
  more: "scenario_more",
  helpful: "scenario_helpful",
  notQuite: "scenario_not_quite",
  noneOfThese: "scenario_none_of_these",
  /** An answer to the clarifying question (numbered). */
  clarify: "scenario_clarify",
} as const;

/** `scenario_pick_1` → `scenario_pick`: the button kind of a numbered action_id. */
export function withoutIndex(actionId: string): string {
  return actionId.replace(/_\d+$/, "");
}

/** Block Kit's limit on a button's value. */
export const BUTTON_VALUE_MAX = 2000;

/** The facts of the message a button is on, beside its answer: only what a click needs. */
export interface OnMessage {
  /** The scenario the button acts on: the one to show (Pick), or the one shown (the others). */
  scenarioId: string;
  /** The scenario on show was chosen by answering the clarifying question. */
  clarified?: boolean | undefined;
  /** Share posts into this thread (the answer to a message shortcut: that message's thread). */
  shareThread?: string | undefined;
}

/**
 * What a button carries: the answer as its message shows it (src/slack/blocks/answer.ts cuts the
 * question and the why terms to what it shows), and the facts of that message.
 */
export interface ButtonValue extends OnMessage {
  answer: MatchedAnswer;
}

/** A button's value as a click reads it back. */
export interface Pressed extends OnMessage {
  /** The answer's id, as recorded (feedback names it even when the answer is stale). */
  answerId: string;
  /**
   * Every card the message offered (the match, its alternatives, the card that also applies),
   * by id as written, whether or not the catalog still holds it: what a Pick may name (none on
   * a button that carries only the answer's id).
   */
  offered: string[];
  /**
   * The answer, its cards read from today's catalog (alternatives that left it are dropped);
   * null when its match has left the catalog since (the message is out of date), or when the
   * button carries only the answer's id (encodeIdValue: feedback and More, which need no more).
   */
  answer: MatchedAnswer | null;
}

/**
 * The value as JSON with one-letter keys, to leave the question room within 2,000 characters:
 * s scenario, a answer, q question, m match, o other scenarios (alternatives), w why,
 * c confidence, x ambiguous, r the scores of m, o and l in that order; and, when there are any,
 * l also applies, k the clarifying question's axis, y clarified, g the guided choice, t the
 * thread Share posts into.
 */
/**
 * The version of the button value written now, in `v`. Versions read on purpose: 1 (no `v`: the
 * fields of version 2, from before the version was written) and 2 (no scores), both read as they
 * are with every score 0 (a click reads no score). Any other version is refused (the click says
 * the message is out of date).
 */
export const BUTTON_VALUE_VERSION = 3;

/** Limits on what a value may hold: the message never shows more. */
export const VALUE_LIMITS = {
  /** A scenario id (a card's id is at most 64 characters). */
  id: 64,
  alternatives: 10,
  whyTerms: 20,
  whyTerm: 100,
} as const;

const scenarioId = z.string().min(1).max(VALUE_LIMITS.id);
const answerId = z.string().min(1).max(64);

const jsonSchema = z
  .object({
    v: z.union([z.literal(2), z.literal(BUTTON_VALUE_VERSION)]).optional(),
    s: scenarioId,
    a: answerId,
    q: z.string().max(BUTTON_VALUE_MAX),
    m: scenarioId,
    o: z.array(scenarioId).max(VALUE_LIMITS.alternatives),
    w: z.array(z.string().max(VALUE_LIMITS.whyTerm)).max(VALUE_LIMITS.whyTerms),
    c: z.enum(["high", "low"]),
    x: z.boolean(),
    r: z
      .array(z.number().min(0).max(1))
      .max(VALUE_LIMITS.alternatives + 2)
      .optional(),
    l: scenarioId.optional(),
    k: z.enum(AXES).optional(),
    y: z.literal(true).optional(),
    g: z
      .strictObject({ app: z.enum(AXIS_VALUES.app), audience: z.enum(AXIS_VALUES.audience) })
      .partial()
      .optional(),
    // A message ts: digits, a dot, digits.
    t: z
      .string()
      .regex(/^\d{1,12}\.\d{1,9}$/)
      .optional(),
  })
  // Version 3 scores every card it names, m, o and l; versions 1 and 2 score none.
  .refine(({ v, r, o, l }) =>
    v === BUTTON_VALUE_VERSION
      ? r !== undefined && r.length === 1 + o.length + (l === undefined ? 0 : 1)
      : r === undefined,
  );

/** JSON text of at most `max` characters, refused before it is parsed when longer. */
function jsonText(max: number) {
  return z
    .string()
    .max(max)
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "not JSON" });
        return z.NEVER;
      }
    });
}

/** A button that acts only on the answer's record and its card: see encodeIdValue. */
const idSchema = z.strictObject({
  v: z.literal(BUTTON_VALUE_VERSION),
  s: scenarioId,
  a: answerId,
});

const valueSchema = jsonText(BUTTON_VALUE_MAX).pipe(z.union([jsonSchema, idSchema]));

/** A score as written: three decimals are more than a click could use. */
const written = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;

/** The value's fields after `v` and `s`, in the order they are written. */
function restOf(value: Omit<ButtonValue, "scenarioId">) {
  const { answer } = value;
  const { match, alternatives, also } = answer;
  return {
    a: answer.id,
    q: answer.question.text,
    m: match.scenario.id,
    o: alternatives.map((a) => a.scenario.id),
    w: answer.why,
    c: answer.confidence,
    x: answer.ambiguous,
    r: [match, ...alternatives, ...(also ? [also] : [])].map((s) => written(s.score)),
    ...(also !== null && { l: also.scenario.id }),
    ...(answer.clarify !== null && { k: answer.clarify.axis }),
    ...(value.clarified === true && { y: true as const }),
    ...(answer.guided !== undefined && { g: answer.guided }),
    ...(value.shareThread !== undefined && { t: value.shareThread }),
  } satisfies Omit<z.input<typeof jsonSchema>, "v" | "s">;
}

function toJson(value: ButtonValue): string {
  return JSON.stringify({ v: BUTTON_VALUE_VERSION, s: value.scenarioId, ...restOf(value) });
}

/**
 * Encodes a button value within Slack's limit. What JSON escaping makes too long is shortened:
 * the question first, then the why terms from the last; undefined if even that does not fit.
 */
export function encodeButtonValue(value: ButtonValue): string | undefined {
  let { text } = value.answer.question;
  let { why } = value.answer;
  for (;;) {
    const question = { ...value.answer.question, text };
    const json = toJson({ ...value, answer: { ...value.answer, question, why } });
    if (json.length <= BUTTON_VALUE_MAX) return json;
    if (text !== "") {
      text = text.length <= 1 ? "" : plain(text, Math.floor(text.length * 0.8));
    } else if (why.length > 0) {
      why = why.slice(0, -1);
    } else {
      return undefined;
    }
  }
}

/**
 * The value of a button that needs the answer's id and its card, never the answer (feedback and
 * More: the record is named by the id, nothing is rebuilt): a sixth of a whole value's length,
 * and the answer message carries four of them.
 */
export function encodeIdValue(answerId: string, scenarioId: string): string {
  return JSON.stringify({ v: BUTTON_VALUE_VERSION, s: scenarioId, a: answerId });
}

/**
 * `encodeButtonValue({ answer, ...facts, scenarioId })` for many scenario ids: the answer is
 * turned into JSON once, and each value is that JSON with its id put in front (the same text,
 * key for key). A value too long for Slack goes through encodeButtonValue, which shortens it.
 */
export function buttonValueEncoder(
  answer: MatchedAnswer,
  facts: Omit<OnMessage, "scenarioId"> = {},
): (scenarioId: string) => string | undefined {
  // toJson's text after "v" and "s", which go in front; made at the first value (a message
  // may end up with no button that carries the answer).
  let tail: string | undefined;
  const head = `{"v":${BUTTON_VALUE_VERSION},"s":`;
  return (scenarioId) => {
    tail ??= JSON.stringify(restOf({ answer, ...facts })).slice(1);
    const json = `${head}${JSON.stringify(scenarioId)},${tail}`;
    return json.length <= BUTTON_VALUE_MAX
      ? json
      : encodeButtonValue({ answer, ...facts, scenarioId });
  };
}

/**
 * Parses a button value from a Slack payload, its cards read from `catalog`; null when it is not
 * one of ours (or of a version this one does not read).
 */
export function decodeButtonValue(value: unknown, catalog: Catalog): Pressed | null {
  const parsed = valueSchema.safeParse(value);
  if (!parsed.success) return null;
  if (!("m" in parsed.data)) {
    const { s, a } = parsed.data;
    return { scenarioId: s, answerId: a, offered: [], answer: null };
  }
  const { s, a, q, m, o, w, c, x, r, l, k, y, g, t } = parsed.data;
  const facts: OnMessage = {
    scenarioId: s,
    ...(y === true && { clarified: true }),
    ...(t !== undefined && { shareThread: t }),
  };
  const offered = [m, ...o, ...(l === undefined ? [] : [l])];
  const match = catalog.get(m);
  if (match === undefined) return { ...facts, answerId: a, offered, answer: null };
  // Versions 1 and 2 wrote no scores: 0.
  const scored = (id: string, i: number) => {
    const scenario = catalog.get(id);
    return scenario === undefined ? null : { scenario, score: r?.[i] ?? 0 };
  };
  const clarify = k === undefined ? null : questionFor(match, k, catalog);
  const answer: MatchedAnswer = {
    id: a,
    question: { raw: q, text: q, cut: false },
    match: { scenario: match, score: r?.[0] ?? 0 },
    alternatives: o.flatMap((id, i) => scored(id, i + 1) ?? []),
    why: w,
    confidence: c,
    ambiguous: x,
    also: l === undefined ? null : scored(l, 1 + o.length),
    clarify: clarify !== null && clarify.options.length >= 2 ? clarify : null,
    ...(g !== undefined && { guided: g }),
  };
  return { ...facts, answerId: a, offered, answer };
}

/** The scenario id a button value acts on, without reading the rest (telemetry's label). */
export function buttonScenarioId(value: unknown): string | null {
  const parsed = valueSchema.safeParse(value);
  return parsed.success ? parsed.data.s : null;
}

/** Block Kit's limit on a view's private_metadata. */
export const PRIVATE_METADATA_MAX = 3000;

/**
 * Where the chooser's answer goes, carried in the modal's private_metadata: a DM to the user
 * (opened from the Home tab), an ephemeral message in the channel (and thread) it was opened
 * from, or a post in a DM or assistant thread (the user's own conversation with the app). A
 * channel's destination names who opened the chooser there (`by`): only that user's submission
 * is answered in it.
 */
export type GuideDestination =
  | { to: "dm" }
  | { to: "ephemeral"; channel: string; thread?: string | undefined; by: string }
  | { to: "post"; channel: string; thread?: string | undefined; by: string };

/** A conversation id (C…, G…, D…) and a message timestamp, as Slack writes them. */
const CHANNEL_ID = /^[CDG][A-Z0-9]{2,20}$/;
const MESSAGE_TS = /^\d{1,12}\.\d{1,8}$/;

const destinationSchema = jsonText(PRIVATE_METADATA_MAX - MetadataSeal.OVERHEAD).pipe(
  z.discriminatedUnion("to", [
    z.object({ to: z.literal("dm") }),
    z.object({
      to: z.enum(["ephemeral", "post"]),
      channel: z.string().regex(CHANNEL_ID),
      thread: z.string().regex(MESSAGE_TS).optional(),
      by: z.string().max(VALUE_LIMITS.id).regex(SLACK_USER_ID),
    }),
  ]),
);

/** The destination as private_metadata: its JSON under the app's seal (seal.ts). */
export function encodeDestination(destination: GuideDestination, seal: MetadataSeal): string {
  const sealed = seal.seal(JSON.stringify(destination));
  if (sealed.length > PRIVATE_METADATA_MAX) throw new Error("private_metadata over 3,000");
  return sealed;
}

/**
 * The destination in a view's private_metadata: "unsealed" when the app's seal is missing or
 * wrong (a value the app did not write, or wrote before it sealed them: nothing is posted), null
 * when it is sealed but not a destination this version reads (out of date).
 */
export function decodeDestination(
  metadata: unknown,
  seal: MetadataSeal,
): GuideDestination | "unsealed" | null {
  const text = seal.open(metadata, PRIVATE_METADATA_MAX);
  if (text === null) return "unsealed";
  const parsed = destinationSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
}
