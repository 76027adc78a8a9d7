/** A click on one of the answer's buttons: who clicked, where, and the answer it carries. */
import type { Logger, RespondFn, webApi } from "@slack/bolt";
import { z } from "zod";
import type { MatchedAnswer } from "../../../answer/answer.js";
import type { Services } from "../../../answer/reply.js";
import type { Catalog } from "../../../catalog/types.js";
import type { FeedbackKind } from "../../../store/types.js";
import { SLACK_USER_ID } from "../../../text/slack-ids.js";
import type { MessageFacts } from "../../blocks/answer.js";
import type { SlackMessage } from "../../blocks/kit.js";
import { decodeButtonValue, type Pressed } from "../../buttons.js";

/** The parts of a block_actions payload the handlers rely on. */
const clickSchema = z.object({
  trigger_id: z.string().min(1).max(255).optional(),
  // An org-wide install sends `team: null`; the user's own workspace is then in user.team_id.
  user: z.object({ id: z.string().regex(SLACK_USER_ID), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  container: z
    .object({ is_ephemeral: z.boolean().optional(), channel_id: z.string().optional() })
    .optional(),
  // The clicked message as Slack holds it (not sent for an ephemeral one).
  message: z.object({ blocks: z.array(z.unknown()).max(100) }).optional(),
});

const actionSchema = z.object({ action_id: z.string(), value: z.string().optional() });
const buttonsSchema = z.object({
  type: z.literal("actions"),
  elements: z.array(z.unknown()).max(25),
});

/**
 * Whether the clicked button, its action_id and value, is one of `blocks`' buttons: a value that
 * is not on the message it claims to come from was not written by the app for that message.
 */
function onMessage(blocks: readonly unknown[], action: unknown): boolean {
  const clicked = actionSchema.safeParse(action);
  if (!clicked.success) return false;
  return blocks.some((block) => {
    const buttons = buttonsSchema.safeParse(block);
    return (
      buttons.success &&
      buttons.data.elements.some((element) => {
        const button = actionSchema.safeParse(element);
        return (
          button.success &&
          button.data.action_id === clicked.data.action_id &&
          button.data.value === clicked.data.value
        );
      })
    );
  });
}

export interface Click {
  user: string;
  workspaceId: string | null;
  /** The clicked message is the ephemeral `/scenario` answer (else a DM's). */
  ephemeral: boolean;
  /** The clicked message is in a direct message with the app (an IM channel, `D…`). */
  inDm: boolean;
  /** The channel of the clicked message, when Slack names it. */
  channel: string | undefined;
  /** The click's trigger_id, to open a modal with (for 3 seconds). */
  triggerId?: string | undefined;
  /** What the button carries; null when it is not one of ours any more (an older version's). */
  value: Pressed | null;
  /**
   * The button is on the clicked message as Slack sent it; true when Slack sends no message
   * (an ephemeral one), false for a value that message does not hold.
   */
  onMessage: boolean;
}

/** The click in a block_actions payload; null when the payload is not one we can read. */
export function parseClick(body: unknown, action: unknown, catalog: Catalog): Click | null {
  const click = clickSchema.safeParse(body);
  if (!click.success) return null;
  const { trigger_id, user, team, container, message } = click.data;
  return {
    triggerId: trigger_id,
    user: user.id,
    workspaceId: team?.id ?? user.team_id ?? null,
    ephemeral: container?.is_ephemeral === true,
    inDm: container?.channel_id?.startsWith("D") === true,
    channel: container?.channel_id,
    value: decodeButtonValue((action as { value?: unknown }).value, catalog),
    onMessage: message === undefined || onMessage(message.blocks, action),
  };
}

/** A click whose button still describes an answer. */
export type AnswerClick = Click & { value: Pressed };

/**
 * The answer a click carries, and its message's facts with the scenario its button acts on on
 * show, both in today's catalog: what answerMessage renders again. Null when either has left the
 * catalog since (the message is out of date).
 */
export function clickedAnswer(
  click: AnswerClick,
  catalog: Catalog,
): { answer: MatchedAnswer; facts: MessageFacts } | null {
  const { answer, scenarioId, clarified, shareThread } = click.value;
  const shown = catalog.get(scenarioId);
  if (answer === null || shown === undefined) return null;
  return { answer, facts: { shown, clarified, shareThread } };
}

export type ClickHandler = (
  click: AnswerClick,
  respond: RespondFn,
  logger: Logger,
  client: webApi.WebClient,
) => Promise<void>;

/** Records what a click says about the answer it belongs to. */
export function recordClick(
  services: Services,
  click: AnswerClick,
  kind: FeedbackKind,
  scenarioId: string | null = null,
): void {
  services.recorder.recordFeedback(click.value.answerId, {
    kind,
    scenarioId,
    workspaceId: click.workspaceId,
    userId: click.user,
  });
}

/** A message only the clicker sees, leaving the answer in place. */
export function whisper(respond: RespondFn, message: SlackMessage) {
  return respond({ response_type: "ephemeral", replace_original: false, ...message });
}
