import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../answer/reply.js";
import { answerInConversation } from "../answering.js";

const mentionSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  text: z.string().catch(""),
  // Another bot mentioning us gets no answer: two bots could otherwise talk forever.
  bot_id: z.never().optional(),
});

type Args = Pick<
  SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs,
  "event" | "context" | "client" | "logger"
>;

/** A mention in a channel: answered in a thread, in public. */
export function appMention(services: Services) {
  return async ({ event, context, client, logger }: Args): Promise<void> => {
    const mention = mentionSchema.safeParse(event);
    if (!mention.success) return;
    const { channel, ts, thread_ts, text, user } = mention.data;
    await answerInConversation(services, client, logger, {
      text,
      asker: { surface: "mention", workspaceId: context.teamId ?? null, userId: user ?? null },
      channel,
      // The mention's thread if it is in one, else a new thread under the mention.
      threadTs: thread_ts ?? ts,
      placement: "public",
      what: "Replying to a mention",
      context,
    });
  };
}
