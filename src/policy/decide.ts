/**
 * The answer policy: the one place that decides, from what the recommender found (a Search) and
 * the catalog's policy data (policy.yml beside the cards), whether to answer, how sure to say it
 * is, whether it is a close call, which card also applies, and which one question would settle a
 * best guess. No threshold lives here: they are read from the catalog's policy.
 */
import {
  type Axis,
  type ClarifyingQuestion,
  complementary,
  differingAxes,
  questionFor,
} from "../catalog/axes.js";
import type { AnswerPolicy, Catalog } from "../catalog/types.js";
import type { Confidence, ScoredScenario, Search } from "../matching/types.js";

/** The answer policy's decision for a question. */
export interface Decision {
  /** The plain text that was matched. */
  query: string;
  /** The best card; null only when the question is off-topic or too vague to answer. */
  match: ScoredScenario | null;
  /** Up to two runners-up, best first; without a match, the closest cards as suggestions. */
  alternatives: ScoredScenario[];
  /** Words and concepts behind the best candidate, as the user wrote them (the "why" line). */
  why: string[];
  /** Null exactly when `match` is null. */
  confidence: Confidence | null;
  /** True when the top two candidates are too close to tell apart (a close call). */
  ambiguous: boolean;
  /**
   * A runner-up on the other axis that fits too (an app card beside an audience card): the
   * question speaks to both; null otherwise.
   */
  also: ScoredScenario | null;
  /**
   * The one question that would settle a best guess (who signs in, or what kind of app), with
   * an option per card; null for a sure answer.
   */
  clarify: ClarifyingQuestion | null;
  /**
   * Whether the question was about choosing an architecture at all (false for a declined
   * question the gate read as chatter or a task; such a question lists no nearby cards).
   */
  onTopic: boolean;
}

/** What the axis decisions read of an answer. */
export interface Candidates {
  match: ScoredScenario | null;
  alternatives: readonly ScoredScenario[];
  confidence: Confidence | null;
}

/** The decision for one search. */
export function decide(search: Search, catalog: Catalog): Decision {
  const { policy } = catalog;
  const { query, ranked, why, offTopicOdds, nameWords } = search;
  const [best] = ranked;
  const alternatives = ranked.slice(1, 1 + policy.show.alternatives);
  const also = best === undefined ? null : alsoApplies({ match: best, alternatives }, policy);
  // The card that also applies answers the other axis, beside the match: it is no rival to it.
  const ambiguous =
    best !== undefined &&
    isCloseCall(
      best,
      ranked.slice(1).find((s) => s !== also),
      policy,
    );
  const bar = policy.decline.minScore + policy.decline.offTopicSlope * offTopicOdds;
  // A question made only of the cards' own names ("spa", "m2m") is answered unless it is a toss-up.
  const namesOnly =
    nameWords > 0 &&
    nameWords <= policy.decline.namesOnlyMaxWords &&
    best !== undefined &&
    !ambiguous;
  if (!best || (best.score < bar && !namesOnly)) {
    // Nearby cards are worth listing only for a question the gate read as on topic.
    const onTopic = best !== undefined && offTopicOdds <= 0;
    return {
      query,
      match: null,
      alternatives: onTopic ? ranked.slice(0, policy.show.alternatives) : [],
      why: best ? why : [],
      confidence: null,
      ambiguous: false,
      also: null,
      clarify: null,
      onTopic,
    };
  }
  const sure =
    !ambiguous &&
    best.score >= policy.confidence.highScore &&
    why.length >= policy.confidence.minEvidence;
  const candidates: Candidates = { match: best, alternatives, confidence: sure ? "high" : "low" };
  return {
    query,
    match: best,
    alternatives,
    why,
    confidence: candidates.confidence,
    ambiguous,
    also,
    clarify: clarifyingQuestion(candidates, catalog),
    onTopic: true,
  };
}

/**
 * The runner-up scores within the close-call margin of the best (policy.yml's close_call): the
 * one rule behind every "Close call" the bot says.
 */
export function isCloseCall(
  best: ScoredScenario,
  second: ScoredScenario | undefined,
  policy: Pick<AnswerPolicy, "closeCall">,
): boolean {
  return second !== undefined && second.score >= best.score * (1 - policy.closeCall.margin);
}

/**
 * The axis a best guess leaves open, or null. Only for a "low" confidence answer whose match
 * and runner-up declare the same axes and differ on exactly one of them (b2b against b2e: who
 * signs in; spa-api against mobile-api: what kind of app). Never for a "high" answer.
 */
export function openAxis({ match, alternatives, confidence }: Candidates): Axis | null {
  const runnerUp = alternatives[0];
  if (confidence !== "low" || match === null || runnerUp === undefined) return null;
  const a = match.scenario.axes;
  const b = runnerUp.scenario.axes;
  const differ = differingAxes(a, b);
  const [axis] = differ;
  if (differ.length !== 1 || axis === undefined) return null;
  return a[axis] !== undefined && b[axis] !== undefined ? axis : null;
}

/** The one clarifying question an answer asks, or null (see openAxis). */
export function clarifyingQuestion(
  answer: Candidates,
  catalog: Catalog,
): ClarifyingQuestion | null {
  const axis = openAxis(answer);
  if (axis === null || answer.match === null) return null;
  const question = questionFor(answer.match.scenario, axis, catalog);
  return question.options.length >= 2 ? question : null;
}

/**
 * The card that also applies beside the match: the best runner-up on the other axis scoring at
 * least `alsoApplies.minShare` × the match's score; null when there is none (or no match).
 */
export function alsoApplies(
  { match, alternatives }: Pick<Candidates, "match" | "alternatives">,
  policy: Pick<AnswerPolicy, "alsoApplies">,
): ScoredScenario | null {
  if (match === null) return null;
  return (
    alternatives.find(
      (alt) =>
        complementary(match.scenario.axes, alt.scenario.axes) &&
        alt.score >= policy.alsoApplies.minShare * match.score,
    ) ?? null
  );
}
