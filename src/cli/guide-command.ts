/**
 * `scenario-bot guide`: the guided chooser on the command line. Two questions (what kind of
 * app, who signs in) as numbered choices on the terminal, or answered at once with `--app` and
 * `--audience`; the cards come from the catalog's axes (src/answer/axes.ts), never from code.
 */
import { createInterface } from "node:readline";
import { offeredValues } from "../answer/axes.js";
import { chosenAnswer, type GuidedAnswer } from "../answer/guided-answer.js";
import { questionFromPlainText } from "../answer/question.js";
import {
  AXES,
  AXIS_QUESTIONS,
  type Axes,
  type Axis,
  type AxisValue,
  parseAxisValue,
  VALUE_ALIASES,
  valueLabel,
} from "../catalog/axes.js";
import type { Catalog } from "../catalog/types.js";
import { docsUrl } from "../catalog/urls.js";
import { alsoLine, type JsonCard, jsonCard } from "./render.js";

export interface GuideIo {
  /** Prints the answer (stdout). */
  out(text: string): void;
  /** Prints the questions as they are (stderr, so that stdout holds only the answer). */
  ask(text: string): void;
  /** A usage error (exit code 2) with this message. */
  usage(message: string): Error;
}

/** Values the catalog offers for an axis, each with its aliases: `native (mobile)`. */
function validValues(catalog: Catalog, axis: Axis): string {
  const aliases = VALUE_ALIASES[axis] as Partial<Record<string, string[]>>;
  return offeredValues(catalog, axis)
    .map((value) => (aliases[value] ? `${value} (${aliases[value].join(", ")})` : value))
    .join(", ");
}

/** `--app` / `--audience` as axis values; an unknown one is a usage error listing the valid ones. */
export function choiceFromFlags(
  catalog: Catalog,
  flags: Partial<Record<Axis, string>>,
  io: Pick<GuideIo, "usage">,
): Axes {
  const choice: Axes = {};
  for (const axis of AXES) {
    const text = flags[axis];
    if (text === undefined) continue;
    const value = parseAxisValue(axis, text);
    if (value === undefined || !offeredValues(catalog, axis).includes(value)) {
      throw io.usage(
        `guide: --${axis} "${text}" is not one of: ${validValues(catalog, axis) || "(no card has this axis)"}`,
      );
    }
    Object.assign(choice, { [axis]: value });
  }
  return choice;
}

/**
 * Asks each question as numbered choices, one answer per line: a number, a value, or nothing
 * (Enter, 0, or the end of input) to skip. Null when the input ends (Ctrl-D) before anything
 * was chosen: the user left, which is no error.
 */
export async function choiceFromPrompts(
  catalog: Catalog,
  input: NodeJS.ReadableStream,
  io: Pick<GuideIo, "ask">,
): Promise<Axes | null> {
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const choice: Axes = {};
  try {
    for (const axis of AXES) {
      const values = offeredValues(catalog, axis) as AxisValue[];
      if (values.length === 0) continue;
      const menu = values.map((v, i) => `  ${i + 1}) ${valueLabel(axis, v)}`);
      io.ask(`${AXIS_QUESTIONS[axis].question}\n${menu.join("\n")}\n  0) Skip / not sure\n`);
      for (;;) {
        io.ask(`Choose 0-${values.length}: `);
        const next = await lines.next();
        const text = next.done ? "" : String(next.value).trim();
        if (next.done) io.ask("\n");
        if (next.done && Object.keys(choice).length === 0) return null;
        if (text === "" || text === "0") break;
        const picked = /^\d+$/.test(text) ? values[Number(text) - 1] : parseAxisValue(axis, text);
        if (picked !== undefined && values.includes(picked)) {
          Object.assign(choice, { [axis]: picked });
          break;
        }
        io.ask(`"${text}" is not one of the choices.\n`);
      }
    }
  } finally {
    rl.close();
  }
  return choice;
}

/** The `--json` form of a guided answer. */
export interface JsonGuided {
  kind: "guide";
  choice: Axes;
  match: JsonCard;
  also: JsonCard | null;
}

export function toJsonGuided(answer: GuidedAnswer, base: string): JsonGuided {
  return {
    kind: "guide",
    choice: answer.guided,
    match: jsonCard(answer.match.scenario, base),
    also: answer.also && jsonCard(answer.also.scenario, base),
  };
}

/** "Single-page app · Your business customers' people": what was chosen, as it was offered. */
export function choiceLabel(choice: Axes): string {
  return AXES.flatMap((axis) => {
    const value = choice[axis];
    return value === undefined ? [] : [valueLabel(axis, value)];
  }).join(" · ");
}

/** A guided answer as terminal text: the leading card, then the one that also applies. */
export function renderGuided(answer: GuidedAnswer, base: string): string {
  const lead = answer.match.scenario;
  const also = answer.also?.scenario;
  const lines = [
    `${lead.title}  (${lead.id})`,
    lead.summary,
    `Your answers: ${choiceLabel(answer.guided)}`,
    `Docs: ${docsUrl(lead, base)}`,
  ];
  if (also) lines.push(alsoLine(also, base));
  return lines.join("\n");
}

/** The whole command: flags or prompts, then the answer as text or JSON. */
export async function guide(
  catalog: Catalog,
  base: string,
  options: { flags: Partial<Record<Axis, string>>; json: boolean; input: NodeJS.ReadableStream },
  io: GuideIo,
): Promise<void> {
  const fromFlags = AXES.some((axis) => options.flags[axis] !== undefined);
  const choice = fromFlags
    ? choiceFromFlags(catalog, options.flags, io)
    : await choiceFromPrompts(catalog, options.input, io);
  if (choice === null) return; // Ctrl-D: ends quietly
  const answer = chosenAnswer(catalog, choice, questionFromPlainText(""));
  if (answer === null) {
    throw io.usage("guide: answer at least one of the questions (or pass --app or --audience)");
  }
  io.out(options.json ? JSON.stringify(toJsonGuided(answer, base)) : renderGuided(answer, base));
}
