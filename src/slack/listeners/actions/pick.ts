import type { Advisor } from "../../../answer/reply.js";
import { answerMessage, viewFromButton } from "../../blocks/answer.js";
import { staleMessage } from "../../blocks/messages.js";
import { safely } from "../../calls.js";
import { type ClickHandler, recordClick } from "./click.js";

/**
 * An alternative replaces the message (the ephemeral answer, or the bot's message in a DM) with
 * that scenario, "picked from the alternatives". The answer itself is unchanged: the new
 * message's buttons carry the same facts, so picking the match back shows its why again.
 */
export function pick(advisor: Advisor): ClickHandler {
  return async (click, respond, logger) => {
    recordClick(advisor, click, "picked", click.value.scenarioId);
    const view = viewFromButton(click.value, advisor.catalog);
    const placement = click.ephemeral ? "ephemeral" : "dm";
    const message =
      view === null ? staleMessage() : answerMessage(view, placement, advisor.docsBaseUrl);
    await safely(logger, "Replacing the answer with an alternative", {}, () =>
      respond({ replace_original: true, ...message }),
    );
  };
}
