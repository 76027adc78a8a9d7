/**
 * The guided chooser in Slack: the button that opens it, the modal with the two questions (what
 * kind of app, who signs in) and an optional description, and where its answer goes.
 */
import type { types } from "@slack/bolt";
import { z } from "zod";
import { offeredValues } from "../../answer/axes.js";
import {
  AXES,
  AXIS_QUESTIONS,
  type Axes,
  type Axis,
  type AxisValue,
  isAxisValue,
  valueLabel,
} from "../../catalog/axes.js";
import type { Catalog } from "../../catalog/types.js";
import { encodeDestination, type GuideDestination } from "../buttons.js";
import { plain } from "../mrkdwn.js";
import type { MetadataSeal } from "../seal.js";
import type { Placement } from "./answer.js";
import { actions, button, context, type KnownBlock, type SlackMessage, section } from "./kit.js";

/** The ids the chooser's button, modal and inputs go by. */
export const GUIDE = {
  /** The "Find my scenario" button (not `scenario_…`: the answer buttons' listener owns those). */
  open: "guide_open",
  callbackId: "scenario_guide",
  /** One input block per axis, then the description. */
  block: { app: "guide_app", audience: "guide_audience", text: "guide_text" },
  action: { app: "app", audience: "audience", text: "text" },
  /** The option that leaves an axis open. */
  notSure: "not-sure",
} as const;

/** Block Kit's limits on modals (https://docs.slack.dev/reference/views). */
export const MODAL_LIMITS = {
  title: 24,
  submit: 24,
  privateMetadata: 3000,
  optionText: 75,
  textInput: 3000,
} as const;

// The destination's codec lives with the other interaction values (buttons.ts).
export { decodeDestination, encodeDestination, type GuideDestination } from "../buttons.js";

/** How an answer posted from the chooser is shown there. */
export function destinationPlacement(destination: GuideDestination): Placement {
  return destination.to === "ephemeral" ? "ephemeral" : "dm";
}

/**
 * The button that opens the chooser, carrying where the reply it sits in was placed, so that
 * the chooser's answer goes where the conversation is.
 */
export function guideButton(placement: Placement | "home"): types.Button {
  return button("Find my scenario", GUIDE.open, { value: placement, style: "primary" });
}

/** The reply to "guide" in a mention, a DM or the assistant panel: a button opens the chooser. */
export function guideMessage(placement: Placement): SlackMessage {
  const text = "Two questions instead of a description: what kind of app, and who signs in.";
  return {
    text,
    blocks: [section(`:compass: ${text}`), ...actions([guideButton(placement)])],
  };
}

function option(value: string, text: string): types.PlainTextOption {
  return { text: { type: "plain_text", text: plain(text, MODAL_LIMITS.optionText) }, value };
}

/** One question: the values some card holds (so every answer leads to a card), and "Not sure". */
function axisInput(catalog: Catalog, axis: Axis): types.InputBlock[] {
  const values = offeredValues(catalog, axis) as AxisValue[];
  if (values.length === 0) return [];
  return [
    {
      type: "input",
      block_id: GUIDE.block[axis],
      optional: true,
      label: { type: "plain_text", text: AXIS_QUESTIONS[axis].question },
      element: {
        type: "radio_buttons",
        action_id: GUIDE.action[axis],
        options: [
          ...values.map((v) => option(v, valueLabel(axis, v))),
          option(GUIDE.notSure, "Not sure"),
        ],
      },
    },
  ];
}

/**
 * The chooser: two optional questions (at least one answered) and an optional description. Its
 * private_metadata is the destination under the app's seal.
 */
export function guideModal(
  catalog: Catalog,
  destination: GuideDestination,
  seal: MetadataSeal,
): types.ModalView {
  const blocks: KnownBlock[] = [
    context("Answer one question or both; I'll show the scenario that fits."),
    ...AXES.flatMap((axis) => axisInput(catalog, axis)),
    {
      type: "input",
      block_id: GUIDE.block.text,
      optional: true,
      label: { type: "plain_text", text: "Anything else about it? (optional)" },
      element: {
        type: "plain_text_input",
        action_id: GUIDE.action.text,
        multiline: true,
        max_length: MODAL_LIMITS.textInput,
        placeholder: { type: "plain_text", text: "e.g. React front end, customers bring Okta" },
      },
    },
  ];
  return {
    type: "modal",
    callback_id: GUIDE.callbackId,
    title: { type: "plain_text", text: "Find my scenario" },
    submit: { type: "plain_text", text: "Show the scenario" },
    close: { type: "plain_text", text: "Cancel" },
    private_metadata: encodeDestination(destination, seal),
    blocks,
  };
}

/** What a submission says: the axes chosen and the description, as typed. */
export interface GuideSubmission {
  choice: Axes;
  text: string;
  /** Values that are not (or no longer) among the options: a stale modal. */
  unknown: string[];
}

const stateSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      selected_option: z.object({ value: z.string() }).nullish(),
      value: z.string().nullish(),
    }),
  ),
);

/** Reads the modal's state values; null when they are not shaped like Slack's. */
export function readSubmission(values: unknown, catalog: Catalog): GuideSubmission | null {
  const parsed = stateSchema.safeParse(values ?? {});
  if (!parsed.success) return null;
  const state = parsed.data;
  const choice: Axes = {};
  const unknown: string[] = [];
  for (const axis of AXES) {
    const value = state[GUIDE.block[axis]]?.[GUIDE.action[axis]]?.selected_option?.value;
    if (value === undefined || value === GUIDE.notSure) continue;
    if (isAxisValue(axis, value) && offeredValues(catalog, axis).includes(value as never)) {
      Object.assign(choice, { [axis]: value });
    } else {
      unknown.push(value);
    }
  }
  const text = state[GUIDE.block.text]?.[GUIDE.action.text]?.value ?? "";
  return { choice, text, unknown };
}

/** The errors a submission with neither question answered gets (response_action "errors"). */
export function missingChoiceErrors(catalog: Catalog): Record<string, string> {
  const asked = AXES.filter((axis) => offeredValues(catalog, axis).length > 0);
  return Object.fromEntries(
    asked.map((axis) => [GUIDE.block[axis], "Answer at least one of the two questions."]),
  );
}

/** Shown in place of a form this version cannot read (an old one, or another app's). */
export function staleGuideView(): types.ModalView {
  return guideNotice(
    "Sorry, this form is out of date, so I can't read it. Please open *Find my scenario* " +
      "again (`/scenario guide`), or just describe what you are building.",
  );
}

/**
 * The modal's update for a submission whose destination the app cannot vouch for (its seal
 * missing or wrong, or submitted by someone other than who opened it): nothing was posted.
 */
export function unverifiedGuideView(): types.ModalView {
  return guideNotice(
    "Sorry, I couldn't check where this form's answer should go, so I didn't post it. " +
      "Please open *Find my scenario* again (`/scenario guide`).",
  );
}

/** The chooser's modal replaced by one notice and a Close button. */
function guideNotice(text: string): types.ModalView {
  return {
    type: "modal",
    title: { type: "plain_text", text: "Find my scenario" },
    close: { type: "plain_text", text: "Close" },
    blocks: [section(text)],
  };
}
