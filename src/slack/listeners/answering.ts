/** What every listener that answers a question does: reply safely, send, then record. */
import type { Logger, webApi } from "@slack/bolt";
import { type Question, questionFromSlack } from "../../answer/question.js";
import type { Asker } from "../../answer/record.js";
import { type Advisor, type Reply, recordReply, replyTo } from "../../answer/reply.js";
import type { Placement } from "../blocks/answer.js";
import type { SlackMessage } from "../blocks/kit.js";
import { apologyMessage } from "../blocks/messages.js";
import { isPrivate, replyMessage } from "../blocks/reply.js";
import { describeError, postReply, safely } from "../calls.js";

/** A reply and its message; no reply when answering failed and the message is an apology. */
export interface Answering {
  reply: Reply | null;
  message: SlackMessage;
}

/**
 * The service's reply to a question and its message for `placement`. Anything that throws is
 * logged (the error only, never the question) and becomes an apology: the asker always hears back.
 */
export async function answerSafely(
  advisor: Advisor,
  question: Question,
  asker: Asker,
  placement: Placement,
  logger: Logger,
): Promise<Answering> {
  try {
    const reply = await replyTo(advisor, question, asker);
    return { reply, message: replyMessage(advisor, reply, placement) };
  } catch (error) {
    logger.error(`Answering a question on ${asker.surface} failed: ${describeError(error)}`);
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
}

/**
 * Answers a mention or a DM in its thread (stats in a public channel only to the asker, who
 * must be known), then records the answer: only answers people saw are worth reviewing.
 * Resolves to whether the reply was posted.
 */
export async function answerInConversation(
  advisor: Advisor,
  client: webApi.WebClient,
  logger: Logger,
  { text, question, asker, channel, threadTs, placement, what }: ConversationQuestion,
): Promise<boolean> {
  const { reply, message } = await answerSafely(
    advisor,
    question ?? questionFromSlack(text),
    asker,
    placement,
    logger,
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
  if (posted && reply !== null) recordReply(advisor, reply);
  return posted;
}
