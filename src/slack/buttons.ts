import { z } from "zod";

/** action_ids of the card's buttons; numbered ones get `_<index>` so they stay unique. */
export const ACTION = {
  docs: "scenario_docs",
  altDocs: "scenario_alt_docs",
  pick: "scenario_pick",
  share: "scenario_share",
  helpful: "scenario_helpful",
  notQuite: "scenario_not_quite",
  noneOfThese: "scenario_none_of_these",
} as const;

/** `scenario_pick_1` → `scenario_pick`: the button kind of a numbered action_id. */
export function withoutIndex(actionId: string): string {
  return actionId.replace(/_\d+$/, "");
}

/** Block Kit's limit on a button's value. */
export const BUTTON_VALUE_MAX = 2000;

/**
 * What a pick/share/feedback button carries: the scenario and the question, so that handlers
 * need no server-side state (any instance can serve the click, and a restart loses nothing).
 */
export interface ButtonValue {
  scenarioId: string;
  question: string;
  /** The recorded answer the card came from, so feedback links to it (absent when not recording). */
  answerId?: string | undefined;
}

const buttonValueSchema = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "not JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.object({ s: z.string().min(1), q: z.string(), a: z.string().max(64).optional() }));

/**
 * Encodes a button value within Slack's limit by shortening the question (JSON escaping can
 * lengthen it); undefined if even an empty question does not fit.
 */
export function encodeButtonValue({
  scenarioId,
  question,
  answerId,
}: ButtonValue): string | undefined {
  // The JSON is at least as long as the question, so start from what could fit at all.
  let q = Array.from(question.slice(0, 2 * BUTTON_VALUE_MAX))
    .slice(0, BUTTON_VALUE_MAX)
    .join("");
  for (;;) {
    const value = JSON.stringify({ s: scenarioId, q, a: answerId });
    if (value.length <= BUTTON_VALUE_MAX) return value;
    if (q === "") return undefined;
    q = Array.from(q)
      .slice(0, Math.floor(Array.from(q).length * 0.8))
      .join("");
  }
}

/** Parses a button value from a Slack payload; null when it is not one of ours. */
export function decodeButtonValue(value: unknown): ButtonValue | null {
  const parsed = buttonValueSchema.safeParse(value);
  if (!parsed.success) return null;
  const { s, q, a } = parsed.data;
  return { scenarioId: s, question: q, answerId: a };
}
