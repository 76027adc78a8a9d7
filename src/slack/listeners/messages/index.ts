import type { App } from "@slack/bolt";
import { z } from "zod";
import { type Advisor, answer, recordReply } from "../../answer.js";
import { postReply } from "../../calls.js";

/**
 * A direct message a person wrote. Anything else fails to parse and is ignored: bots (the app
 * itself included: `bot_id`, which some bot posts carry without a subtype), edits
 * (`message_changed`), deletions (`message_deleted`) and every other subtype.
 */
const directMessageSchema = z.object({
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

export function registerMessages(app: App, advisor: Advisor): void {
  app.message(async ({ message, context, client, logger }) => {
    const dm = directMessageSchema.safeParse(message);
    if (!dm.success) return;
    const { channel, thread_ts, text, user } = dm.data;
    const asker = { surface: "dm", workspaceId: context.teamId ?? null, userId: user } as const;
    const reply = answer(advisor, text, "dm", asker);
    const posted = await postReply(client, logger, "Replying to a direct message", {
      channel,
      // In the thread if the message is in one; otherwise a plain reply in the DM.
      thread_ts,
      ...reply.message,
    });
    // Only answers people saw are worth reviewing.
    if (posted) recordReply(advisor, reply);
  });
}
