/** What every listener that answers a question does: reply safely, send, then record. */
import type { Context, Logger, webApi } from "@slack/bolt";
import { type Question, questionFromSlack } from "../../answer/question.js";
import type { Asker } from "../../answer/record.js";
import { type Reply, recordReply, replyTo, type Services } from "../../answer/reply.js";
import type { Placement } from "../blocks/answer.js";
import type { SlackMessage } from "../blocks/kit.js";
import { apologyMessage } from "../blocks/messages.js";
import { isPrivate, replyMessage } from "../blocks/reply.js";
import { describeError, postReply, safely } from "../calls.js";
import { noteReply } from "../telemetry.js";

/** A reply and its message; no reply when answering failed and the message is an apology. */
export interface Answering {
  reply: Reply | null;
  message: SlackMessage;
}

/**
 * The service's reply to a question and its message for `placement`. Anything that throws is
 * logged (the error only, never the question) and becomes an apology: the asker always hears back.
 * `context`, the request's Bolt context, is where the reply is noted for telemetry.
 */
export async function answerSafely(
  services: Services,
  question: Question,
  asker: Asker,
  placement: Placement,
  logger: Logger,
  context?: Context,
): Promise<Answering> {
  try {
    const reply = await replyTo(services, question, asker);
    noteReply(context, asker.surface, reply);
    return { reply, message: replyMessage(services, reply, placement) };
  } catch (error) {
    logger.error(`Answering a question on ${asker.surface} failed: ${describeError(error)}`);
    noteReply(context, asker.surface, null);
    return { reply: null, message: apologyMessage() };
  }
}

/** A question asked in a conversation (a mention or a DM), and where to answer it. */
export interface ConversationQuestion {
  /** The message text, in Slack markup. */
  text: string;
  /** The question, when the listener has already read `text` (it is not read again). */
  question?: Question | undefined;
  asker: Asker;
  channel: string;
  /** The thread to answer in; undefined for a plain reply in a DM. */
  threadTs: string | undefined;
  placement: Placement;
  /** What the reply is, for the log line if posting it fails. */
  what: string;
  /** The request's Bolt context, where the reply is noted for telemetry. */
  context?: Context | undefined;
}

/**
 * Answers a mention or a DM in its thread (stats in a public channel only to the asker, who
 * must be known), then records the answer: only answers people saw are worth reviewing.
 * Resolves to whether the reply was posted.
 */
export async function answerInConversation(
  services: Services,
  client: webApi.WebClient,
  logger: Logger,
  { text, question, asker, channel, threadTs, placement, what, context }: ConversationQuestion,
): Promise<boolean> {
  const { reply, message } = await answerSafely(
    services,
    question ?? questionFromSlack(text),
    asker,
    placement,
    logger,
    context,
  );
  const args = { channel, thread_ts: threadTs, ...message };
  const user = asker.userId;
  const onlyForAsker = reply !== null && isPrivate(reply) && placement === "public";
  const posted =
    onlyForAsker && user !== null
      ? await safely(logger, what, { channel, thread_ts: threadTs }, () =>
          client.chat.postEphemeral({ ...args, user }),
        )
      : await postReply(client, logger, what, args);
  if (posted && reply !== null) recordReply(services, reply);
  return posted;
}

/** Where an answer only its asker sees goes: the channel (and thread) it was asked about. */
export interface PrivateDestination {
  channel: string;
  /** Who sees it: the person who asked. */
  user: string;
  /** The thread the ephemeral shows in; undefined outside a thread. */
  threadTs: string | undefined;
  /** The thread an answer's Share button posts into. */
  shareThread: string;
}

/**
 * What is answered privately: a question (answered and recorded; `context`, the request's Bolt
 * context, is where the reply is noted for telemetry), or a fixed message.
 */
export type PrivateContent =
  | { question: Question; asker: Asker; context?: Context | undefined }
  | { fixed: SlackMessage };

/**
 * Answers one person alone: ephemerally in `channel`, where Share can post the answer into
 * `shareThread`; in a DM (`D…`), or where the ephemeral cannot be posted (a channel the app is
 * not in), by DM instead. Records the answer once it is delivered. Resolves to whether it was.
 */
export async function answerPrivately(
  services: Services,
  client: webApi.WebClient,
  logger: Logger,
  where: PrivateDestination,
  content: PrivateContent,
): Promise<boolean> {
  let reply: Reply | null = null;
  let messageFor: (placement: "ephemeral" | "dm") => SlackMessage;
  if ("fixed" in content) {
    messageFor = () => content.fixed;
  } else {
    const { ephemeral, dm } = await answerSafelyTwice(services, content, where.shareThread, logger);
    reply = ephemeral.reply;
    messageFor = (placement) => (placement === "ephemeral" ? ephemeral : dm).message;
  }
  const { channel, user, threadTs } = where;
  let posted = false;
  if (!channel.startsWith("D")) {
    try {
      await client.chat.postEphemeral({
        channel,
        user,
        thread_ts: threadTs,
        ...messageFor("ephemeral"),
      });
      posted = true;
    } catch (error) {
      // Expected where the app is not a member: not_in_channel, channel_not_found.
      logger.info(`An ephemeral answer could not be posted (${describeError(error)}): sent by DM`);
    }
  }
  if (!posted) {
    posted = await postReply(client, logger, "Sending a private answer by DM", {
      channel: user,
      ...messageFor("dm"),
    });
  }
  if (posted && reply !== null) recordReply(services, reply);
  return posted;
}

/** One reply, as the ephemeral message (with Share into `shareThread`) and as the DM's. */
async function answerSafelyTwice(
  services: Services,
  { question, asker, context }: Exclude<PrivateContent, { fixed: SlackMessage }>,
  shareThread: string,
  logger: Logger,
): Promise<Record<"ephemeral" | "dm", Answering>> {
  try {
    const reply = await replyTo(services, question, asker);
    noteReply(context, asker.surface, reply);
    return {
      ephemeral: { reply, message: replyMessage(services, reply, "ephemeral", shareThread) },
      dm: { reply, message: replyMessage(services, reply, "dm") },
    };
  } catch (error) {
    logger.error(`Answering a question on ${asker.surface} failed: ${describeError(error)}`);
    noteReply(context, asker.surface, null);
    const failed = { reply: null, message: apologyMessage() };
    return { ephemeral: failed, dm: failed };
  }
}
