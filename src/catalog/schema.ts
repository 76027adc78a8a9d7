import { z } from "zod";
import { FLOWS, SCENARIO_STATUSES } from "./types.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(SLUG, "must be a lowercase slug such as mobile-api");

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
    .regex(/^\/[^\s?#]*$/, "must be a path under the docs base URL, starting with /"),
  status: z.enum(SCENARIO_STATUSES),
  protocols: z.array(text).min(1, "must name at least one protocol"),
  flows: z.array(z.enum(FLOWS)),
  flow_note: text.optional(),
  keywords: z.array(text).min(1, "must list at least one keyword"),
  examples: z.array(text).min(1, "must list at least one example question"),
  related: z.array(slug).default([]),
  /** Concept ids (see concepts.ts) whose terms count toward this card. */
  concepts: z.array(slug).default([]),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
