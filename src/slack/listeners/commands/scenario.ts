import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { questionFromSlack } from "../../../answer/question.js";
import { recordReply, type Services } from "../../../answer/reply.js";
import { apologyMessage } from "../../blocks/messages.js";
import { safely } from "../../calls.js";
import type { MetadataSeal } from "../../seal.js";
import { answerSafely } from "../answering.js";
import { destinationFor, openGuide } from "../guide-flow.js";

const commandSchema = z.object({
  text: z.string().catch(""),
  // Slack always sends it; a command without one is answered as from someone unknown.
  user_id: z.string().optional(),
  team_id: z.string().nullish(),
  channel_id: z.string().optional(),
  trigger_id: z.string().optional(),
});

type Args = Pick<
  SlackCommandMiddlewareArgs & AllMiddlewareArgs,
  "command" | "ack" | "logger" | "client" | "respond"
> &
  Partial<Pick<AllMiddlewareArgs, "context">>;

/**
 * `/scenario …`: the reply is the ack itself (answering takes microseconds, well within Slack's
 * 3 seconds); anything that fails is acked with an apology. Recorded after the ack.
 * `/scenario guide` opens the guided chooser at once with the command's trigger_id; if that
 * fails, the reply offers its button instead.
 */
export function scenarioCommand(services: Services, seal: MetadataSeal) {
  return async ({ command, ack, logger, client, respond, context }: Args): Promise<void> => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      logger.error("Answering /scenario failed: the command payload is malformed");
      await ack({ response_type: "ephemeral", ...apologyMessage() });
      return;
    }
    const { text, user_id, team_id, channel_id, trigger_id } = parsed.data;
    const asker = {
      surface: "command",
      workspaceId: team_id ?? null,
      userId: user_id ?? null,
    } as const;
    const { reply, message } = await answerSafely(
      services,
      questionFromSlack(text),
      asker,
      "ephemeral",
      logger,
      context,
    );
    if (reply?.kind === "guide" && trigger_id !== undefined && user_id !== undefined) {
      await ack();
      const destination = destinationFor("ephemeral", channel_id, undefined, user_id);
      if (!(await openGuide(services, client, logger, seal, trigger_id, destination))) {
        await safely(logger, "Offering the guided chooser's button", {}, () =>
          respond({ response_type: "ephemeral", ...message }),
        );
      }
      return;
    }
    await ack({ response_type: "ephemeral", ...message });
    if (reply !== null) recordReply(services, reply);
  };
}
