/**
 * Deterministic synthetic catalogs for the scale runs: the real cards plus generated ones whose
 * words are drawn from the real cards' own text, so term frequencies, phrases and field lengths
 * look like a company's extra cards rather than random noise.
 */
import { createCatalog } from "../src/catalog/load.js";
import type { Catalog, Scenario } from "../src/catalog/types.js";

/** mulberry32: a tiny 32-bit PRNG; the same seed gives the same catalog on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SYNTHETIC_SEED = 0x5eed_2024;

// Words with at least one letter; Markdown punctuation ("##", "-", "|") is not vocabulary.
const tokens = (text: string): string[] => text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w));

interface Pools {
  title: string[];
  summary: string[];
  example: string[];
  body: string[];
  /** Whole keywords, so the multi-word phrases the recommender indexes stay real. */
  keywords: string[];
}

// Token streams, not sets: sampling uniformly from a stream keeps the real word frequencies.
function pools(cards: readonly Scenario[]): Pools {
  return {
    title: cards.flatMap((s) => tokens(s.title)),
    summary: cards.flatMap((s) => tokens(s.summary)),
    example: cards.flatMap((s) => s.examples.flatMap(tokens)),
    body: cards.flatMap((s) => tokens(s.body)),
    keywords: cards.flatMap((s) => s.keywords),
  };
}

/**
 * The real cards plus generated ones up to `size`. Each generated card copies the field lengths
 * of a real card picked at random (words per title, summary, example and body; keyword count).
 */
export function syntheticCatalog(real: Catalog, size: number, seed = SYNTHETIC_SEED): Catalog {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const words = (pool: readonly string[], count: number) =>
    Array.from({ length: count }, () => pick(pool)).join(" ");
  const p = pools(real.scenarios);

  const cards = [...real.scenarios];
  for (let i = cards.length; i < size; i++) {
    const template = pick(real.scenarios);
    const id = `synthetic-${String(i).padStart(5, "0")}`;
    cards.push({
      ...template,
      id,
      title: words(p.title, tokens(template.title).length),
      summary: words(p.summary, tokens(template.summary).length),
      keywords: template.keywords.map(() => pick(p.keywords)),
      examples: template.examples.map((e) => words(p.example, tokens(e).length)),
      body: words(p.body, tokens(template.body).length),
      related: [],
      file: `synthetic:${id}`,
    });
  }
  // The real catalog's policy: the bundled one's default path is wrong from build/ (the bench's).
  return createCatalog(cards, [], {
    policy: real.policy,
    decline: real.decline,
    onTopic: real.onTopic,
  });
}
