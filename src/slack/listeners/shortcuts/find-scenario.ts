/**
 * The message shortcut "Find the scenario": someone else's message, read as the question, and
 * answered to the person who used the shortcut alone.
 */
import type { AllMiddlewareArgs, App, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import { questionFromSlack } from "../../../answer/question.js";
import type { Services } from "../../../answer/reply.js";
import { normalizeSlackText } from "../../../text/slack.js";
import { SLACK_USER_ID } from "../../../text/slack-ids.js";
import { noTextMessage } from "../../blocks/messages.js";
import { answerPrivately } from "../answering.js";

/** The shortcut's callback_id; manifest.yml declares the same. */
export const FIND_SCENARIO = "find_scenario";

const attachmentSchema = z
  .object({
    pretext: z.string().optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    fallback: z.string().optional(),
  })
  .catch({});

const shortcutSchema = z.object({
  type: z.literal("message_action"),
  user: z.object({ id: z.string().regex(SLACK_USER_ID) }),
  team: z.object({ id: z.string() }).nullish(),
  channel: z.object({ id: z.string() }),
  message: z.object({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().catch(""),
    attachments: z.array(attachmentSchema).catch([]),
  }),
});

type Message = z.infer<typeof shortcutSchema>["message"];

/** The message's text and its attachments' (a link preview, a bot's card), one per line. */
export function messageText(message: Message): string {
  const parts = [
    message.text,
    ...message.attachments.flatMap((a) => [a.pretext, a.title, a.text ?? a.fallback]),
  ];
  return parts.filter((part) => part !== undefined && part.trim() !== "").join("\n");
}

type Args = Pick<
  SlackShortcutMiddlewareArgs & AllMiddlewareArgs,
  "ack" | "shortcut" | "client" | "logger" | "context"
>;

/**
 * Acked at once; then answered ephemerally in the message's channel (and thread), with Share
 * posting into the message's thread; in a DM, or a channel the app is not in, by DM.
 */
export function findScenario(services: Services) {
  return async ({ ack, shortcut, client, logger, context }: Args): Promise<void> => {
    await ack();
    const parsed = shortcutSchema.safeParse(shortcut);
    if (!parsed.success) {
      logger.warn("Ignoring a message shortcut whose payload is malformed");
      return;
    }
    const { user, team, channel, message } = parsed.data;
    const text = messageText(message);
    const where = {
      channel: channel.id,
      user: user.id,
      // The ephemeral shows where the message is; Share starts or continues its thread.
      threadTs: message.thread_ts,
      shareThread: message.thread_ts ?? message.ts,
    };
    if (normalizeSlackText(text) === "") {
      await answerPrivately(services, client, logger, where, { fixed: noTextMessage() });
      return;
    }
    await answerPrivately(services, client, logger, where, {
      question: questionFromSlack(text),
      asker: { surface: "shortcut", workspaceId: team?.id ?? null, userId: user.id },
      context,
    });
  };
}

export function registerShortcuts(app: App, services: Services): void {
  app.shortcut({ callback_id: FIND_SCENARIO, type: "message_action" }, findScenario(services));
}
