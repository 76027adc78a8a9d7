import type { App, Logger, RespondFn } from "@slack/bolt";
import { z } from "zod";
import type { FeedbackKind } from "../../../store/types.js";
import { type Advisor, cardFor } from "../../answer.js";
import { feedbackMessage, goneMessage, type SlackMessage, scenarioCard } from "../../blocks.js";
import { ACTION, type ButtonValue, decodeButtonValue, withoutIndex } from "../../buttons.js";
import { safely } from "../../calls.js";
import { SLACK_USER_ID } from "../../ids.js";

/** The parts of a block_actions payload the handlers rely on. */
const clickSchema = z.object({
  user: z.object({ id: z.string().regex(SLACK_USER_ID) }),
  team: z.object({ id: z.string() }).nullish(),
  container: z.object({ is_ephemeral: z.boolean().optional() }).optional(),
});

interface Click {
  user: string;
  workspaceId: string | null;
  ephemeral: boolean;
  value: ButtonValue;
}

function parseClick(body: unknown, action: unknown): Click | null {
  const click = clickSchema.safeParse(body);
  const value = decodeButtonValue((action as { value?: unknown }).value);
  if (!click.success || value === null) return null;
  const { user, team, container } = click.data;
  return {
    user: user.id,
    workspaceId: team?.id ?? null,
    ephemeral: container?.is_ephemeral === true,
    value,
  };
}

/** Records what a click says about the answer it belongs to (cards sent unrecorded carry no id). */
function recordClick(
  advisor: Advisor,
  click: Click,
  kind: FeedbackKind,
  scenarioId: string | null = null,
): void {
  if (click.value.answerId === undefined) return;
  advisor.recorder.recordFeedback(click.value.answerId, {
    kind,
    scenarioId,
    workspaceId: click.workspaceId,
    userId: click.user,
  });
}

type ClickHandler = (click: Click, respond: RespondFn, logger: Logger) => Promise<void>;

/** What each button does, by action_id (numbered ones without their `_<index>`). */
function clickHandlers(advisor: Advisor): Map<string, ClickHandler> {
  const { docsBaseUrl } = advisor;
  const handlers = new Map<string, ClickHandler>();

  // An alternative replaces the card (the ephemeral answer, or the bot's message in a DM).
  handlers.set(ACTION.pick, async (click, respond, logger) => {
    recordClick(advisor, click, "picked", click.value.scenarioId);
    const card = cardFor(advisor, click.value);
    const message =
      card === null
        ? goneMessage()
        : scenarioCard(card, click.ephemeral ? "ephemeral" : "dm", docsBaseUrl);
    await safely(logger, "Replacing the card with an alternative", { user: click.user }, () =>
      respond({ replace_original: true, ...message }),
    );
  });

  // Posts the card publicly, saying who asked, then removes the ephemeral copy.
  handlers.set(ACTION.share, async (click, respond, logger) => {
    const card = cardFor(advisor, click.value);
    const details = { user: click.user, scenario: click.value.scenarioId };
    if (card === null) {
      await safely(logger, "Answering a share", details, () => whisper(respond, goneMessage()));
      return;
    }
    const shared = scenarioCard({ ...card, sharedBy: click.user }, "public", docsBaseUrl);
    const posted = await safely(logger, "Sharing the card in the channel", details, () =>
      respond({ response_type: "in_channel", replace_original: false, ...shared }),
    );
    if (posted) {
      await safely(logger, "Removing the shared ephemeral card", details, () =>
        respond({ delete_original: true }),
      );
    }
  });

  // Feedback is recorded, then acknowledged to the clicker only.
  for (const [actionId, kind] of [
    [ACTION.helpful, "helpful"],
    [ACTION.notQuite, "not_quite"],
    [ACTION.noneOfThese, "none_of_these"],
  ] as const) {
    handlers.set(actionId, async (click, respond, logger) => {
      recordClick(advisor, click, kind);
      const message = feedbackMessage(kind, advisor.catalog.get(click.value.scenarioId));
      await safely(logger, "Acknowledging feedback", { user: click.user }, () =>
        whisper(respond, message),
      );
    });
  }
  return handlers;
}

export function registerActions(app: App, advisor: Advisor): void {
  const handlers = clickHandlers(advisor);
  // One listener for all our buttons: Bolt runs every listener's filters on every request, so
  // one listener instead of one per button keeps routing cheap. Link buttons (docs) have no
  // handler: Slack opens the URL and still sends a payload, which only needs the ack.
  app.action(/^scenario_/, async ({ ack, body, action, respond, logger }) => {
    await ack();
    const handler = handlers.get(withoutIndex((action as { action_id: string }).action_id));
    if (handler === undefined) return;
    const click = parseClick(body, action);
    if (click === null) return;
    await handler(click, respond, logger);
  });
}

/** A message only the clicker sees, leaving the card in place. */
function whisper(respond: RespondFn, message: SlackMessage) {
  return respond({ response_type: "ephemeral", replace_original: false, ...message });
}
