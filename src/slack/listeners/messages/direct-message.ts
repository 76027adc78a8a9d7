import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../answer/reply.js";
import { answerInConversation } from "../answering.js";

/**
 * A direct message a person wrote. Anything else fails to parse and is ignored: bots (the app
 * itself included: `bot_id`, which some bot posts carry without a subtype), edits
 * (`message_changed`), deletions (`message_deleted`) and every other subtype.
 */
export const directMessageSchema = z.object({
  channel_type: z.literal("im"),
  channel: z.string(),
  user: z.string(),
  text: z.string().catch(""),
  ts: z.string(),
  thread_ts: z.string().optional(),
  // Must be absent.
  subtype: z.never().optional(),
  bot_id: z.never().optional(),
});

type Args = Pick<
  SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs,
  "message" | "context" | "client" | "logger"
>;

/** A direct message: answered in the DM (in its thread if it is in one). */
export function directMessage(services: Services) {
  return async ({ message, context, client, logger }: Args): Promise<void> => {
    const dm = directMessageSchema.safeParse(message);
    if (!dm.success) return;
    const { channel, thread_ts, text, user } = dm.data;
    await answerInConversation(services, client, logger, {
      text,
      asker: { surface: "dm", workspaceId: context.teamId ?? null, userId: user },
      channel,
      threadTs: thread_ts,
      placement: "dm",
      what: "Replying to a direct message",
      context,
    });
  };
}
