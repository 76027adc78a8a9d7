/**
 * The domain gate: is a question about choosing how people or services sign in at all? A
 * multinomial naive Bayes classifier over the question's terms (stems, phrases and concepts),
 * trained when the recommender is built on two piles of text: what the cards say (their
 * examples, keywords, titles and summaries) against the off-topic material in off-topic.ts.
 * Training is counting, so it takes milliseconds; a question costs one map read per term.
 */

export interface GateOptions {
  /** Laplace smoothing: how much an unseen term counts in each class. */
  smoothing: number;
}

export const DEFAULT_GATE_OPTIONS: GateOptions = { smoothing: 1 };

/** A trained gate as plain data. */
export interface GateData {
  smoothing: number;
  on: Array<[term: string, count: number]>;
  off: Array<[term: string, count: number]>;
}

class TermCounts {
  readonly counts = new Map<string, number>();
  total = 0;

  load(counts: ReadonlyArray<[string, number]>): void {
    for (const [term, count] of counts) {
      this.counts.set(term, count);
      this.total += count;
    }
  }

  add(terms: Iterable<string>): void {
    for (const term of terms) {
      this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
      this.total++;
    }
  }
}

export class Gate {
  readonly #on = new TermCounts();
  readonly #off = new TermCounts();
  readonly #vocabulary = new Set<string>();
  readonly #smoothing: number;

  /** The counts as plain data, for a snapshot. */
  toJSON(): GateData {
    return {
      smoothing: this.#smoothing,
      on: [...this.#on.counts],
      off: [...this.#off.counts],
    };
  }

  static fromJSON(data: GateData): Gate {
    const gate = new Gate([], [], { smoothing: data.smoothing });
    gate.#on.load(data.on);
    gate.#off.load(data.off);
    for (const [term] of [...data.on, ...data.off]) gate.#vocabulary.add(term);
    return gate;
  }

  /** `onTopic` and `offTopic` hold each training text's terms. */
  constructor(
    onTopic: Iterable<Iterable<string>>,
    offTopic: Iterable<Iterable<string>>,
    options: Partial<GateOptions> = {},
  ) {
    this.#smoothing = { ...DEFAULT_GATE_OPTIONS, ...options }.smoothing;
    for (const terms of onTopic) this.#on.add(terms);
    for (const terms of offTopic) this.#off.add(terms);
    for (const counts of [this.#on, this.#off])
      for (const term of counts.counts.keys()) this.#vocabulary.add(term);
  }

  /**
   * How much more likely the question's terms are under the off-topic class than under the
   * on-topic one, as a log ratio: above 0 leans off-topic. Terms neither class has seen say
   * nothing and are skipped; with no known term, or no training text on one side, it is 0.
   * The sum is divided by the square root of the number of known terms, so that a long
   * question's odds do not grow without bound.
   */
  offTopicOdds(terms: Iterable<string>): number {
    const { counts: onCounts, total: onTotal } = this.#on;
    const { counts: offCounts, total: offTotal } = this.#off;
    // Without material on both sides there is nothing to weigh.
    if (onTotal === 0 || offTotal === 0) return 0;
    const a = this.#smoothing;
    const v = this.#vocabulary.size;
    let odds = 0;
    let known = 0;
    for (const term of terms) {
      if (!this.#vocabulary.has(term)) continue;
      const pOn = ((onCounts.get(term) ?? 0) + a) / (onTotal + a * v);
      const pOff = ((offCounts.get(term) ?? 0) + a) / (offTotal + a * v);
      odds += Math.log(pOff / pOn);
      known++;
    }
    return known === 0 ? 0 : odds / Math.sqrt(known);
  }
}
