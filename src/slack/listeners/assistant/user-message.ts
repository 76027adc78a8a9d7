import type { AssistantUserMessageMiddleware } from "@slack/bolt";
import { questionFromSlack } from "../../../answer/question.js";
import type { Services } from "../../../answer/reply.js";
import { describeError, safely } from "../../calls.js";
import { oneLine, plain } from "../../mrkdwn.js";
import { answerInConversation } from "../answering.js";
import { directMessageSchema } from "../messages/direct-message.js";

type Args = Pick<
  Parameters<AssistantUserMessageMiddleware>[0],
  "message" | "context" | "client" | "logger" | "setStatus" | "setTitle"
>;

export const STATUS = "is looking for the scenario that fits…";
const TITLE_MAX = 60;

/** The first `max` characters of a text on one line, cut after a word (then "…"). */
export function gist(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const cut = plain(line, max).slice(0, -1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, "")}…`;
}

/** A thread's title: the gist of its question, its first ~60 characters on one line. */
export function titleOf(text: string): string {
  return gist(text, TITLE_MAX);
}

/**
 * A message in a DM thread. In an assistant thread: a status while answering, a title from the
 * question, the card in the thread (its clarifying question included), recorded as `assistant`.
 * Elsewhere (the feature is off: setting a status fails) it is a plain DM in a thread.
 */
export function userMessage(services: Services) {
  return async ({ message, context, client, logger, setStatus, setTitle }: Args) => {
    const dm = directMessageSchema.safeParse(message);
    if (!dm.success) return;
    const { channel, thread_ts, text, user } = dm.data;
    let assistant = true;
    try {
      await setStatus(STATUS);
    } catch (error) {
      assistant = false;
      logger.debug(`Not an assistant thread (${describeError(error)}): answering as a DM`);
    }
    const question = questionFromSlack(text);
    const title = titleOf(question.text);
    if (assistant && title !== "") {
      await safely(logger, "Setting the assistant thread's title", { channel }, () =>
        setTitle(title),
      );
    }
    const posted = await answerInConversation(services, client, logger, {
      text,
      question,
      asker: {
        surface: assistant ? "assistant" : "dm",
        workspaceId: context.teamId ?? null,
        userId: user,
      },
      channel,
      threadTs: thread_ts,
      placement: "dm",
      what: assistant ? "Answering in the assistant panel" : "Replying to a direct message",
      context,
    });
    // A reply clears the status; without one, clear it rather than leave "looking…" up.
    if (assistant && !posted) {
      await safely(logger, "Clearing the assistant status", { channel }, () => setStatus(""));
    }
  };
}
