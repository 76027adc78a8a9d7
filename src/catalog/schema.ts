import { z } from "zod";
import { AXIS_VALUES } from "./axes.js";
import { FLOWS, SCENARIO_STATUSES } from "./types.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1, "must not be empty");
const slug = z
  .string()
  .max(64, "must be at most 64 characters")
  .regex(SLUG, "must be a lowercase slug such as mobile-api");
/** Characters that end or split a Slack link (`<url|label>`). */
const SLACK_LINK_MARKUP = /[|<>]/;

/**
 * A card's YAML front matter. Strict: an unknown key is an error, so a typo such as `keyword:`
 * is reported instead of silently ignored.
 */
export const frontMatterSchema = z.strictObject({
  id: slug,
  title: text.max(100, "must be at most 100 characters"),
  summary: text
    .max(300, "must be at most 300 characters")
    .refine((s) => !/[.!?]\s+[A-Z]/.test(s), "must be one sentence"),
  docs_path: z
    .string()
    .regex(/^\/[^\s?#]*$/, "must be a path under the docs base URL, starting with /")
    .refine(
      (p) => !SLACK_LINK_MARKUP.test(p),
      "must not contain |, < or > (they break Slack links)",
    ),
  status: z.enum(SCENARIO_STATUSES),
  protocols: z.array(text).min(1, "must name at least one protocol"),
  flows: z.array(z.enum(FLOWS)),
  flow_note: text.optional(),
  /** One sentence on when to pick this card over its nearest neighbour, shown on the card. */
  pick_over: text
    .max(300, "must be at most 300 characters")
    .refine((s) => !/[.!?]\s+[A-Z]/.test(s), "must be one sentence")
    .optional(),
  keywords: z
    .array(text.max(100, "must be at most 100 characters"))
    .min(1, "must list at least one keyword")
    .max(500, "must list at most 500 keywords"),
  examples: z
    .array(text.max(500, "must be at most 500 characters"))
    .min(1, "must list at least one example question")
    .max(1000, "must list at most 1000 examples"),
  related: z.array(slug).default([]),
  /** Concept ids (see concepts.ts) whose terms count toward this card. */
  concepts: z.array(slug).default([]),
  /** Where the card sits on the two questions (axes.ts): `{ app: spa }`, `{ audience: b2b }`. */
  axes: z
    .strictObject({
      app: z.enum(AXIS_VALUES.app, { error: `must be one of ${AXIS_VALUES.app.join(", ")}` }),
      audience: z.enum(AXIS_VALUES.audience, {
        error: `must be one of ${AXIS_VALUES.audience.join(", ")}`,
      }),
    })
    .partial()
    .default({}),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
