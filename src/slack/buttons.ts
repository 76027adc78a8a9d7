import { z } from "zod";

/** action_ids of the card's buttons; numbered ones get `_<index>` so they stay unique. */
export const ACTION = {
  docs: "scenario_docs",
  altDocs: "scenario_alt_docs",
  pick: "scenario_pick",
  share: "scenario_share",
  helpful: "scenario_helpful",
  notQuite: "scenario_not_quite",
} as const;

/** Matches the numbered action_ids, e.g. `scenario_pick_1`. */
export function numberedAction(base: string): RegExp {
  return new RegExp(`^${base}_\\d+$`);
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
  .pipe(z.object({ s: z.string().min(1), q: z.string() }));

/**
 * Encodes a button value within Slack's limit by shortening the question (JSON escaping can
 * lengthen it); undefined if even an empty question does not fit.
 */
export function encodeButtonValue({ scenarioId, question }: ButtonValue): string | undefined {
  let q = question;
  for (;;) {
    const value = JSON.stringify({ s: scenarioId, q });
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
  return parsed.success ? { scenarioId: parsed.data.s, question: parsed.data.q } : null;
}
