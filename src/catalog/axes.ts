/**
 * The two questions every scenario answers: what kind of software signs people (or services)
 * in, and who signs in. Each card declares where it sits (`axes: { app: spa }` in its front
 * matter); the clarifying question, "Also applies" and the guided chooser read this data, never
 * a list of card ids. The values are fixed, so that a company's own cards sit on the same axes.
 */

import type { Catalog, Scenario } from "./types.js";

export const AXES = ["app", "audience"] as const;
export type Axis = (typeof AXES)[number];

/** Each axis's values, in the order questions offer them, with how a person is asked. */
export const AXIS_VALUES = {
  app: ["web", "saml", "spa", "native", "service"],
  audience: ["employees", "business", "both", "public"],
} as const satisfies Record<Axis, readonly string[]>;

export type AxisValue<A extends Axis = Axis> = (typeof AXIS_VALUES)[A][number];

/** Where a card sits: one value per axis it declares (one, both, or none). */
export type Axes = { [A in Axis]?: AxisValue<A> };

/** How each axis is asked, as a question and a short label. */
export const AXIS_QUESTIONS: Readonly<Record<Axis, { question: string; label: string }>> = {
  app: { question: "What kind of app?", label: "Kind of app" },
  audience: { question: "Who signs in?", label: "Who signs in" },
};

/** Each value as a person reads it (a button, an option, a numbered choice). */
export const VALUE_LABELS: Readonly<{ [A in Axis]: Record<AxisValue<A>, string> }> = {
  app: {
    web: "Server-rendered web app",
    saml: "Web app that speaks SAML",
    spa: "Single-page app",
    native: "Native or mobile app",
    service: "A backend, no user",
  },
  audience: {
    employees: "Your employees",
    business: "Your business customers' people",
    both: "Both",
    public: "The public",
  },
};

/**
 * Other names a value answers to on the command line (`--audience b2b`): the scenario ids and
 * the usual short forms.
 */
export const VALUE_ALIASES: Readonly<{ [A in Axis]: Partial<Record<AxisValue<A>, string[]>> }> = {
  app: {
    web: ["regular-web", "server-side"],
    native: ["mobile"],
    service: ["m2m", "machine"],
  },
  audience: {
    employees: ["b2e", "workforce"],
    business: ["b2b"],
    both: ["b2b-b2e"],
    public: ["b2c", "consumers"],
  },
};

export function isAxisValue<A extends Axis>(axis: A, value: unknown): value is AxisValue<A> {
  return (AXIS_VALUES[axis] as readonly unknown[]).includes(value);
}

/** A value or one of its aliases, case aside; undefined when it is neither. */
export function parseAxisValue<A extends Axis>(axis: A, text: string): AxisValue<A> | undefined {
  const word = text.trim().toLowerCase();
  if (isAxisValue(axis, word)) return word;
  const aliases = VALUE_ALIASES[axis] as Partial<Record<AxisValue<A>, string[]>>;
  for (const [value, names] of Object.entries(aliases) as Array<[AxisValue<A>, string[]]>) {
    if (names.includes(word)) return value;
  }
  return undefined;
}

export function valueLabel<A extends Axis>(axis: A, value: AxisValue<A>): string {
  return (VALUE_LABELS[axis] as Record<string, string>)[value] ?? value;
}

/** `{app: "spa"}` → "app: spa"; the same axes always read the same (in AXES order). */
export function axesKey(axes: Axes): string {
  return AXES.filter((a) => axes[a] !== undefined)
    .map((a) => `${a}: ${axes[a]}`)
    .join(", ");
}

/** The axes two cards both declare with different values, plus those only one declares. */
export function differingAxes(a: Axes, b: Axes): Axis[] {
  return AXES.filter((axis) => a[axis] !== b[axis]);
}

/** Two placements are the same: the same axes, with the same values. */
export function sameAxes(a: Axes, b: Axes): boolean {
  return differingAxes(a, b).length === 0;
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

/** The card placed exactly at `axes`, if any (the catalog holds at most one per placement). */
export function cardAt(catalog: Catalog, axes: Axes): Scenario | undefined {
  return catalog.scenarios.find((s) => sameAxes(s.axes, axes));
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
 * Which of the two questions a card answers, and that the other one has cards of its own (a B2B
 * React SPA reads both spa-api and b2b). Empty when the card declares no axis or both.
 */
export function axisNote(axes: Axes): string {
  const answered = AXES.filter((axis) => axes[axis] !== undefined);
  if (answered.length !== 1) return "";
  const [axis] = answered as [Axis];
  const other = AXES.find((a) => a !== axis) as Axis;
  return `This card answers “${AXIS_QUESTIONS[axis].question}” For “${AXIS_QUESTIONS[other].question}” read a card on that question too.`;
}
