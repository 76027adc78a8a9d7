import type { Advisor } from "../../../answer/reply.js";
import { answerMessage, viewFromButton } from "../../blocks/answer.js";
import { staleMessage } from "../../blocks/messages.js";
import { safely } from "../../calls.js";
import { type ClickHandler, whisper } from "./click.js";

/**
 * Posts the answer as it was given (the same scenario, why and alternatives) in the channel,
 * saying who asked, then removes the ephemeral copy.
 */
export function share(advisor: Advisor): ClickHandler {
  return async (click, respond, logger) => {
    const view = viewFromButton(click.value, advisor.catalog);
    const details = { scenario: click.value.scenarioId };
    if (view === null) {
      await safely(logger, "Answering a share", details, () => whisper(respond, staleMessage()));
      return;
    }
    const shared = answerMessage({ ...view, sharedBy: click.user }, "public", advisor.docsBaseUrl);
    const posted = await safely(logger, "Sharing the answer in the channel", details, () =>
      respond({ response_type: "in_channel", replace_original: false, ...shared }),
    );
    if (posted) {
      await safely(logger, "Removing the shared ephemeral answer", details, () =>
        respond({ delete_original: true }),
      );
    }
  };
}
