/**
 * The domain gate: is a question about choosing how people or services sign in at all? A
 * multinomial naive Bayes classifier over the question's terms (stems, phrases and concepts),
 * trained when the index is built on two piles of text: what the cards say (their examples,
 * keywords, titles and summaries) against the off-topic material in off-topic.ts. Training is
 * counting, so it takes milliseconds; a question then costs one map read per term.
 */

export interface GateOptions {
  /** Laplace smoothing: how much an unseen term counts in each class. */
  smoothing: number;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = { smoothing: 1 };

/** A trained gate as plain data: each term's log ratio of off-topic to on-topic likelihood. */
export interface GateData {
  ratios: Array<[term: string, logRatio: number]>;
}

/** Training texts that count `weight` times each (1: as the others; 0.5: half as much). */
export interface WeightedTexts {
  texts: Iterable<Iterable<string>>;
  weight: number;
}

function counts(...piles: WeightedTexts[]): { counts: Map<string, number>; total: number } {
  const found = new Map<string, number>();
  let total = 0;
  for (const { texts, weight } of piles) {
    for (const terms of texts) {
      for (const term of terms) {
        found.set(term, (found.get(term) ?? 0) + weight);
        total += weight;
      }
    }
  }
  return { counts: found, total };
}

export class Gate {
  /** log(P(term | off-topic) / P(term | on-topic)) for every term either side has seen. */
  readonly #ratios: Map<string, number>;

  /**
   * `onTopic` and `offTopic` hold each training text's terms; `moreOnTopic`, on-topic texts that
   * count with their own weight (the on-topic gate material beside the cards' text).
   */
  constructor(
    onTopic: Iterable<Iterable<string>>,
    offTopic: Iterable<Iterable<string>>,
    options: Partial<GateOptions> = {},
    moreOnTopic: WeightedTexts = { texts: [], weight: 1 },
  ) {
    const a = { ...DEFAULT_GATE_OPTIONS, ...options }.smoothing;
    const on = counts({ texts: onTopic, weight: 1 }, moreOnTopic);
    const off = counts({ texts: offTopic, weight: 1 });
    this.#ratios = new Map();
    // Without material on both sides there is nothing to weigh: every ratio stays unknown.
    if (on.total === 0 || off.total === 0) return;
    const vocabulary = new Set([...on.counts.keys(), ...off.counts.keys()]);
    const v = vocabulary.size;
    for (const term of vocabulary) {
      const pOn = ((on.counts.get(term) ?? 0) + a) / (on.total + a * v);
      const pOff = ((off.counts.get(term) ?? 0) + a) / (off.total + a * v);
      this.#ratios.set(term, Math.log(pOff / pOn));
    }
  }

  /** The trained ratios as plain data, for a snapshot. */
  toJSON(): GateData {
    return { ratios: [...this.#ratios] };
  }

  static fromJSON(data: GateData): Gate {
    const gate = new Gate([], []);
    for (const [term, ratio] of data.ratios) gate.#ratios.set(term, ratio);
    return gate;
  }

  /**
   * How much more likely the question's terms are under the off-topic class than under the
   * on-topic one, as a log ratio: above 0 leans off-topic. Terms neither class has seen say
   * nothing and are skipped; with no known term, or no training text on one side, it is 0.
   * The sum is divided by the square root of the number of known terms, so that a long
   * question's odds do not grow without bound.
   */
  offTopicOdds(terms: Iterable<string>): number {
    let odds = 0;
    let known = 0;
    for (const term of terms) {
      const ratio = this.#ratios.get(term);
      if (ratio === undefined) continue;
      odds += ratio;
      known++;
    }
    return known === 0 ? 0 : odds / Math.sqrt(known);
  }
}
