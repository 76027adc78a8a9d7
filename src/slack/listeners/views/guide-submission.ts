import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { type GuidedAnswer, guidedAnswer, recordGuided } from "../../../answer/guided-answer.js";
import { questionFromPlainText } from "../../../answer/question.js";
import type { Services } from "../../../answer/reply.js";
import { SLACK_USER_ID } from "../../../text/slack-ids.js";
import { answerMessage } from "../../blocks/answer.js";
import {
  decodeDestination,
  GUIDE,
  missingChoiceErrors,
  readSubmission,
  staleGuideView,
  unverifiedGuideView,
} from "../../blocks/guide-modal.js";
import { apologyMessage } from "../../blocks/messages.js";
import { describeError } from "../../calls.js";
import type { MetadataSeal } from "../../seal.js";
import { noteGuided } from "../../telemetry.js";
import { unhandledRequest } from "../../unhandled.js";
import { deliverGuided } from "../guide-flow.js";

const submissionSchema = z.object({
  // An org-wide install sends `team: null`; the user's own workspace is then in user.team_id.
  user: z.object({ id: z.string().regex(SLACK_USER_ID), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({
    callback_id: z.string().catch(""),
    private_metadata: z.string().optional(),
    state: z.object({ values: z.unknown() }).optional(),
  }),
});

type Args = Pick<
  SlackViewMiddlewareArgs & AllMiddlewareArgs,
  "ack" | "body" | "client" | "logger"
> &
  Partial<Pick<AllMiddlewareArgs, "context">>;

/**
 * Every view submission. The chooser's: validated (at least one question answered, else the
 * modal shows the error), acked (closing it), answered where it was opened, then recorded. A
 * form this version cannot read (another callback id, an old destination or option) is acked
 * with a polite "out of date" in the modal itself.
 */
export function viewSubmission(services: Services, seal: MetadataSeal) {
  return async ({ ack, body, client, logger, context }: Args): Promise<void> => {
    const parsed = submissionSchema.safeParse(body);
    const { catalog } = services;
    const ours = parsed.success && parsed.data.view.callback_id === GUIDE.callbackId;
    const read = ours ? decodeDestination(parsed.data.view.private_metadata, seal) : null;
    const destination = read === "unsealed" ? null : read;
    // A destination the app did not seal, or a channel's opened by someone else: nothing is
    // posted anywhere; the submitter is told in the modal.
    if (
      parsed.success &&
      (read === "unsealed" ||
        (destination !== null && destination.to !== "dm" && destination.by !== parsed.data.user.id))
    ) {
      logger.warn(
        "Refused a guided chooser submission: its destination is not one the app sealed for this user",
      );
      await ack({ response_action: "update", view: unverifiedGuideView() });
      return;
    }
    const submission = ours ? readSubmission(parsed.data.view.state?.values, catalog) : null;
    if (
      !parsed.success ||
      destination === null ||
      submission === null ||
      submission.unknown.length > 0
    ) {
      logger.info(`Answering ${unhandledRequest(body).kind}: out of date`);
      await ack({ response_action: "update", view: staleGuideView() });
      return;
    }
    if (Object.keys(submission.choice).length === 0) {
      await ack({ response_action: "errors", errors: missingChoiceErrors(catalog) });
      return;
    }
    await ack();

    const user = parsed.data.user.id;
    const asker = {
      surface: "guide",
      workspaceId: parsed.data.team?.id ?? parsed.data.user.team_id ?? null,
      userId: user,
    } as const;
    let guided: GuidedAnswer | null = null;
    try {
      guided = guidedAnswer(services, submission.choice, questionFromPlainText(submission.text));
    } catch (error) {
      logger.error(`Answering the guided chooser failed: ${describeError(error)}`);
    }
    // Counted and logged as an answer on surface "guide", as the other surfaces' are.
    noteGuided(context, guided);
    const answer = guided;
    const delivered = await deliverGuided(client, logger, destination, user, (placement) =>
      answer === null ? apologyMessage() : answerMessage(answer, placement, services.docsBaseUrl),
    );
    if (delivered && answer !== null) recordGuided(services, answer, asker);
  };
}
