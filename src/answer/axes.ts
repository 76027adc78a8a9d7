/**
 * What the cards' axes (src/catalog/axes.ts) say about an answer: which one question would
 * settle a best guess, which other card also applies, and which cards a guided choice leads to.
 * Plain functions over the answer and the catalog's data; no card id appears here.
 */
import {
  AXES,
  AXIS_QUESTIONS,
  AXIS_VALUES,
  type Axes,
  type Axis,
  type AxisValue,
  differingAxes,
  sameAxes,
  valueLabel,
} from "../catalog/axes.js";
import type { Catalog, Scenario } from "../catalog/types.js";
import type { Confidence, ScoredScenario } from "../matching/types.js";

export interface AxisOptions {
  /**
   * A runner-up on the other axis "also applies" when it scores at least this share of the
   * best card: the question speaks to both what kind of app and who signs in.
   */
  alsoRatio: number;
}

export const DEFAULT_AXIS_OPTIONS: AxisOptions = { alsoRatio: 0.6 };

/** What the axis decisions read of an answer. */
export interface Candidates {
  match: ScoredScenario | null;
  alternatives: readonly ScoredScenario[];
  confidence: Confidence | null;
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

/** One answer to a clarifying question: a value of the axis and the card it leads to. */
export interface ClarifyOption {
  value: AxisValue;
  label: string;
  scenario: Scenario;
}

export interface ClarifyingQuestion {
  axis: Axis;
  /** "Who signs in?" */
  question: string;
  /** In the axis's order; each leads to a card, the match's own value included. */
  options: ClarifyOption[];
}

/**
 * The question for `axis` about `match`: one option per value of the axis that a card holds
 * where the match sits otherwise (so every button leads to a card), the match's own included.
 */
export function questionFor(match: Scenario, axis: Axis, catalog: Catalog): ClarifyingQuestion {
  const options = (AXIS_VALUES[axis] as readonly AxisValue[]).flatMap((value) => {
    const scenario = cardAt(catalog, { ...match.axes, [axis]: value });
    return scenario === undefined ? [] : [{ value, label: valueLabel(axis, value), scenario }];
  });
  return { axis, question: AXIS_QUESTIONS[axis].question, options };
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
 * Two cards on different axes: each declares an axis, and none that the other does (an app card
 * and an audience card). Both can hold at once: a React app for business customers.
 */
export function complementary(a: Axes, b: Axes): boolean {
  const declared = (axes: Axes) => AXES.filter((axis) => axes[axis] !== undefined);
  const [da, db] = [declared(a), declared(b)];
  return da.length > 0 && db.length > 0 && !da.some((axis) => db.includes(axis));
}

/**
 * The card that also applies beside the match: the best runner-up on the other axis scoring at
 * least `alsoRatio` × the match's score; null when there is none (or no match).
 */
export function alsoApplies(
  { match, alternatives }: Pick<Candidates, "match" | "alternatives">,
  options: AxisOptions = DEFAULT_AXIS_OPTIONS,
): ScoredScenario | null {
  if (match === null) return null;
  return (
    alternatives.find(
      (alt) =>
        complementary(match.scenario.axes, alt.scenario.axes) &&
        alt.score >= options.alsoRatio * match.score,
    ) ?? null
  );
}

/** The card placed exactly at `axes`, if any (the catalog holds at most one per placement). */
export function cardAt(catalog: Catalog, axes: Axes): Scenario | undefined {
  return catalog.scenarios.find((s) => sameAxes(s.axes, axes));
}

/** The values of an axis that some card holds, in the axis's order: what a chooser offers. */
export function offeredValues<A extends Axis>(catalog: Catalog, axis: A): AxisValue<A>[] {
  const held = new Set<string | undefined>(catalog.scenarios.map((s) => s.axes[axis]));
  return (AXIS_VALUES[axis] as readonly AxisValue<A>[]).filter((value) => held.has(value));
}

/** What a guided choice leads to: the card that leads, and the one that also applies. */
export interface GuidedCards {
  lead: Scenario;
  also: Scenario | null;
}

/**
 * The cards a choice of axes leads to: the card placed exactly there; else, with both axes
 * chosen, the app card led and the audience card as "Also applies"; else the card sharing the
 * most chosen values (then the fewest other axes, then by id). Null only when no card holds
 * any chosen value (or nothing was chosen).
 */
export function guidedCards(catalog: Catalog, choice: Axes): GuidedCards | null {
  const exact = cardAt(catalog, choice);
  if (exact !== undefined && AXES.some((a) => choice[a] !== undefined)) {
    return { lead: exact, also: null };
  }
  const alone = AXES.map((axis) =>
    choice[axis] === undefined ? undefined : cardAt(catalog, { [axis]: choice[axis] }),
  );
  const [appCard, audienceCard] = alone;
  if (appCard !== undefined || audienceCard !== undefined) {
    return appCard !== undefined
      ? { lead: appCard, also: audienceCard ?? null }
      : { lead: audienceCard as Scenario, also: null };
  }
  const chosen = AXES.filter((a) => choice[a] !== undefined);
  const ranked = catalog.scenarios
    .map((s) => ({
      s,
      shared: chosen.filter((a) => s.axes[a] === choice[a]).length,
      extra: AXES.filter((a) => s.axes[a] !== undefined && choice[a] === undefined).length,
    }))
    .filter((r) => r.shared > 0)
    .sort((x, y) => y.shared - x.shared || x.extra - y.extra);
  const best = ranked[0];
  return best === undefined ? null : { lead: best.s, also: null };
}

/**
 * Fills the axes a guided choice left open from a free-text answer's candidates, best first: the
 * first candidate that sits on that axis alone (an audience card, say) gives its value.
 */
export function fillFromCandidates(choice: Axes, candidates: readonly ScoredScenario[]): Axes {
  const filled: Axes = { ...choice };
  for (const axis of AXES) {
    if (filled[axis] !== undefined) continue;
    const from = candidates.find(({ scenario: { axes } }) => {
      const declared = AXES.filter((a) => axes[a] !== undefined);
      return declared.length === 1 && declared[0] === axis;
    });
    const value = from?.scenario.axes[axis];
    if (value !== undefined) Object.assign(filled, { [axis]: value });
  }
  return filled;
}
