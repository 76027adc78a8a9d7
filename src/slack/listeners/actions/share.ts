import type { Services } from "../../../answer/reply.js";
import { answerMessage } from "../../blocks/answer.js";
import { staleMessage } from "../../blocks/messages.js";
import { postReply, safely } from "../../calls.js";
import { type ClickHandler, clickedAnswer, whisper } from "./click.js";

/**
 * Posts the answer as it was given (the same scenario, why and alternatives) in the channel,
 * saying who asked, then removes the ephemeral copy. A message shortcut's answer goes into the
 * thread of the message it answers (the button names it), posted by the app.
 */
export function share(services: Services): ClickHandler {
  return async (click, respond, logger, client) => {
    const clicked = clickedAnswer(click, services.catalog);
    const details = { scenario: click.value.scenarioId };
    if (clicked === null) {
      await safely(logger, "Answering a share", details, () => whisper(respond, staleMessage()));
      return;
    }
    const thread = click.value.shareThread;
    const shared = answerMessage(clicked.answer, "public", services.docsBaseUrl, {
      ...clicked.facts,
      sharedBy: click.user,
    });
    const channel = click.channel;
    const posted =
      thread !== undefined && channel !== undefined
        ? await postReply(client, logger, "Sharing the answer in the thread", {
            channel,
            thread_ts: thread,
            ...shared,
          })
        : await safely(logger, "Sharing the answer in the channel", details, () =>
            respond({ response_type: "in_channel", replace_original: false, ...shared }),
          );
    if (posted) {
      await safely(logger, "Removing the shared ephemeral answer", details, () =>
        respond({ delete_original: true }),
      );
    }
  };
}
