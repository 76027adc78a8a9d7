/**
 * The guided chooser's part of the axes (src/catalog/axes.ts): which cards a choice of axes
 * leads to, and how a free-text description fills an axis left open. What the answer policy
 * decides from the axes (the clarifying question, "Also applies") is in src/policy/decide.ts.
 * Plain functions over the catalog's data; no card id appears here.
 */
import {
  AXES,
  AXIS_VALUES,
  type Axes,
  type Axis,
  type AxisValue,
  cardAt,
} from "../catalog/axes.js";
import type { Catalog, Scenario } from "../catalog/types.js";
import type { ScoredScenario } from "../matching/types.js";

export {
  type ClarifyingQuestion,
  type ClarifyOption,
  cardAt,
  questionFor,
} from "../catalog/axes.js";

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
