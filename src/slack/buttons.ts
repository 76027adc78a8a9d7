/**
 * Every value Slack hands back that the app wrote: what the answer message's buttons carry, and
 * the chooser modal's private_metadata (where its answer goes). Both are untrusted input: each is
 * decoded here, through one schema with limits (its length before it is parsed, counts, id
 * shapes) and a version, and refused (null) when it does not fit.
 *
 * Buttons carry the answer's facts, not a question to match again. A click rebuilds the message
 * from these alone, so it shows the answer that was given (any instance can serve the click, and
 * a restart loses nothing).
 */
import { z } from "zod";
import { AXES, AXIS_VALUES, type Axes, type Axis } from "../catalog/axes.js";
import type { Confidence } from "../matching/types.js";
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

export interface ButtonValue {
  /** The scenario the button acts on: the one to show (Pick), or the one shown (the others). */
  scenarioId: string;
  /** The answer, as recorded. */
  answerId: string;
  /** The question, only as much of it as the message shows. */
  question: string;
  /** The answer's match and its alternatives (as many as the message offers), by id. */
  matchId: string;
  alternativeIds: string[];
  /** The why terms, as the message shows them. */
  why: string[];
  confidence: Confidence;
  ambiguous: boolean;
  /** The card on the other axis that also applies, by id. */
  also?: string | undefined;
  /** The axis the answer's clarifying question asks about. */
  openAxis?: Axis | undefined;
  /** The scenario on show was chosen by answering the clarifying question. */
  clarified?: boolean | undefined;
  /** A guided answer: the axes chosen. */
  guided?: Axes | undefined;
  /** Share posts into this thread (the answer to a message shortcut: that message's thread). */
  shareThread?: string | undefined;
}

/**
 * The value as JSON with one-letter keys, to leave the question room within 2,000 characters:
 * s scenario, a answer, q question, m match, o other scenarios (alternatives), w why,
 * c confidence, x ambiguous; and, when there are any, l also applies, k the clarifying
 * question's axis, y clarified, g the guided choice, t the thread Share posts into.
 */
/**
 * The version of the button value written now, in `v`. A value without `v` is version 1 (the
 * same fields, from before the version was written): read as it is, on purpose. Any other
 * version is refused (the click says the message is out of date).
 */
export const BUTTON_VALUE_VERSION = 2;

/** Limits on what a value may hold: the message never shows more. */
export const VALUE_LIMITS = {
  /** A scenario id (a card's id is at most 64 characters). */
  id: 64,
  alternatives: 10,
  whyTerms: 20,
  whyTerm: 100,
} as const;

const scenarioId = z.string().min(1).max(VALUE_LIMITS.id);

const jsonSchema = z.object({
  v: z.literal(BUTTON_VALUE_VERSION).optional(),
  s: scenarioId,
  a: z.string().min(1).max(64),
  q: z.string().max(BUTTON_VALUE_MAX),
  m: scenarioId,
  o: z.array(scenarioId).max(VALUE_LIMITS.alternatives),
  w: z.array(z.string().max(VALUE_LIMITS.whyTerm)).max(VALUE_LIMITS.whyTerms),
  c: z.enum(["high", "low"]),
  x: z.boolean(),
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
});

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

const valueSchema = jsonText(BUTTON_VALUE_MAX).pipe(jsonSchema);

function toJson(value: ButtonValue): string {
  const { scenarioId, answerId, question, matchId, alternativeIds, why } = value;
  return JSON.stringify({
    v: BUTTON_VALUE_VERSION,
    s: scenarioId,
    a: answerId,
    q: question,
    m: matchId,
    o: alternativeIds,
    w: why,
    c: value.confidence,
    x: value.ambiguous,
    ...(value.also !== undefined && { l: value.also }),
    ...(value.openAxis !== undefined && { k: value.openAxis }),
    ...(value.clarified === true && { y: true as const }),
    ...(value.guided !== undefined && { g: value.guided }),
    ...(value.shareThread !== undefined && { t: value.shareThread }),
  } satisfies z.infer<typeof jsonSchema>);
}

/**
 * Encodes a button value within Slack's limit. What JSON escaping makes too long is shortened:
 * the question first, then the why terms from the last; undefined if even that does not fit.
 */
export function encodeButtonValue(value: ButtonValue): string | undefined {
  let { question, why } = value;
  for (;;) {
    const json = toJson({ ...value, question, why });
    if (json.length <= BUTTON_VALUE_MAX) return json;
    if (question !== "") {
      question = question.length <= 1 ? "" : plain(question, Math.floor(question.length * 0.8));
    } else if (why.length > 0) {
      why = why.slice(0, -1);
    } else {
      return undefined;
    }
  }
}

/**
 * `encodeButtonValue({ ...facts, scenarioId })` for many scenario ids: the facts are turned into
 * JSON once, and each value is that JSON with its id put in front (the same text, key for key).
 * A value too long for Slack goes through encodeButtonValue, which shortens it.
 */
export function buttonValueEncoder(
  facts: Omit<ButtonValue, "scenarioId">,
): (scenarioId: string) => string | undefined {
  // toJson's keys in toJson's order, with "v" and "s" left out: they go in front.
  const {
    v: _v,
    s: _s,
    ...rest
  } = JSON.parse(toJson({ ...facts, scenarioId: "" })) as Record<string, unknown>;
  const tail = JSON.stringify(rest).slice(1);
  const head = `{"v":${BUTTON_VALUE_VERSION},"s":`;
  return (scenarioId) => {
    const json = `${head}${JSON.stringify(scenarioId)},${tail}`;
    return json.length <= BUTTON_VALUE_MAX ? json : encodeButtonValue({ ...facts, scenarioId });
  };
}

/** Parses a button value from a Slack payload; null when it is not one of ours (or outdated). */
export function decodeButtonValue(value: unknown): ButtonValue | null {
  const parsed = valueSchema.safeParse(value);
  if (!parsed.success) return null;
  // Version 1 (no `v`) has the same fields as version 2: read alike.
  const { s, a, q, m, o, w, c, x, l, k, y, g, t } = parsed.data;
  return {
    scenarioId: s,
    answerId: a,
    question: q,
    matchId: m,
    alternativeIds: o,
    why: w,
    confidence: c,
    ambiguous: x,
    ...(l !== undefined && { also: l }),
    ...(k !== undefined && { openAxis: k }),
    ...(y === true && { clarified: true }),
    ...(g !== undefined && { guided: g }),
    ...(t !== undefined && { shareThread: t }),
  };
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
