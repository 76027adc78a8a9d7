/** A Reply from the answering service as a Slack message: the one mapping every listener uses. */

import { hasMatch } from "../../answer/answer.js";
import type { Reply, Services } from "../../answer/reply.js";
import { answerMessage, noMatchMessage, type Placement } from "./answer.js";
import { guideButton, guideMessage } from "./guide-modal.js";
import type { SlackMessage } from "./kit.js";
import {
  adminsOnlyMessage,
  greetingMessage,
  helpMessage,
  listMessage,
  statsMessage,
  thanksMessage,
} from "./messages.js";

/**
 * `shareThread`: the thread an answer's Share button posts into (a message shortcut's), instead
 * of the channel.
 */
export function replyMessage(
  services: Services,
  reply: Reply,
  placement: Placement,
  shareThread?: string,
): SlackMessage {
  const { catalog, docsBaseUrl } = services;
  switch (reply.kind) {
    case "help":
      return helpMessage(catalog);
    case "list":
      return listMessage(catalog, docsBaseUrl);
    case "greeting":
      return greetingMessage(catalog);
    case "thanks":
      return thanksMessage();
    case "guide":
      return guideMessage(placement);
    case "stats":
      return statsMessage(reply.report);
    case "admins-only":
      return adminsOnlyMessage();
    case "answer": {
      const { answer } = reply;
      if (hasMatch(answer)) return answerMessage(answer, placement, docsBaseUrl, { shareThread });
      const closest = answer.alternatives.map((a) => a.scenario);
      return noMatchMessage(
        answer.question.text,
        closest,
        catalog,
        docsBaseUrl,
        answer.question.cut,
        [guideButton(placement)],
      );
    }
  }
}

/** Replies only the asker should see wherever they asked: the stats hold others' questions. */
export function isPrivate(reply: Reply): boolean {
  return reply.kind === "stats" || reply.kind === "admins-only";
}
