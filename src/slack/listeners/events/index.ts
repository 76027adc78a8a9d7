import type { App } from "@slack/bolt";
import { z } from "zod";
import { type Advisor, answer, recordReply } from "../../answer.js";
import { homeView } from "../../blocks.js";
import { postReply, safely } from "../../calls.js";

const mentionSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  user: z.string().optional(),
  text: z.string().catch(""),
  // Another bot mentioning us gets no answer: two bots could otherwise talk forever.
  bot_id: z.never().optional(),
});

const homeOpenedSchema = z.object({ user: z.string(), tab: z.string() });

/** Removes the bot's own mention (`<@U123>` or `<@U123|name>`) from the text. */
export function stripMention(text: string, botUserId: string | undefined): string {
  if (botUserId === undefined) return text.trim();
  return text.replaceAll(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), " ").trim();
}

export function registerEvents(app: App, advisor: Advisor): void {
  app.event("app_mention", async ({ event, context, client, logger }) => {
    const mention = mentionSchema.safeParse(event);
    if (!mention.success) return;
    const { channel, ts, thread_ts, text, user } = mention.data;
    const question = stripMention(text, context.botUserId);
    const asker = {
      surface: "mention",
      workspaceId: context.teamId ?? null,
      userId: user ?? null,
    } as const;
    const reply = answer(advisor, question, "public", asker);
    const posted = await postReply(client, logger, "Replying to a mention", {
      channel,
      // The mention's thread if it is in one, else a new thread under the mention.
      thread_ts: thread_ts ?? ts,
      ...reply.message,
    });
    // Only answers people saw are worth reviewing.
    if (posted) recordReply(advisor, reply);
  });

  // The catalog does not change while the app runs, so the view is built once.
  const view = homeView(advisor.catalog, advisor.docsBaseUrl);
  app.event("app_home_opened", async ({ event, client, logger }) => {
    const opened = homeOpenedSchema.safeParse(event);
    if (!opened.success || opened.data.tab !== "home") return;
    const { user } = opened.data;
    await safely(logger, "Publishing the Home tab", { user }, () =>
      client.views.publish({ user_id: user, view }),
    );
  });
}
