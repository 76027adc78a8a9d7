import type { Services } from "../../../answer/reply.js";
import { answerMessage } from "../../blocks/answer.js";
import { staleMessage } from "../../blocks/messages.js";
import { safely } from "../../calls.js";
import { type ClickHandler, clickedAnswer, recordClick, whisper } from "./click.js";

/**
 * An alternative replaces the message (the ephemeral answer, or the bot's message in a DM) with
 * that scenario, "picked from the alternatives". The answer itself is unchanged: the new
 * message's buttons carry the same facts, so picking the match back shows its why again.
 */
export function pick(services: Services): ClickHandler {
  return async (click, respond, logger) => {
    const { value } = click;
    // A forged pick is refused: it must name one of the answer's own options, and be a button
    // of the message it comes from.
    if (!value.offered.includes(value.scenarioId) || !click.onMessage) {
      logger.info("Refused a pick that names none of its message's options");
      await safely(logger, "Answering a refused pick", {}, () => whisper(respond, staleMessage()));
      return;
    }
    recordClick(services, click, "picked", value.scenarioId);
    const clicked = clickedAnswer(click, services.catalog);
    const render = (placement: "ephemeral" | "dm") =>
      clicked === null
        ? staleMessage()
        : answerMessage(clicked.answer, placement, services.docsBaseUrl, clicked.facts);
    if (!click.ephemeral && !click.inDm) {
      // Public answers have no Pick buttons: a pick on one never replaces it for everyone, the
      // card goes to the clicker alone.
      const message = render("ephemeral");
      await safely(logger, "Showing an alternative to the clicker", {}, () =>
        whisper(respond, message),
      );
      return;
    }
    const message = render(click.ephemeral ? "ephemeral" : "dm");
    await safely(logger, "Replacing the answer with an alternative", {}, () =>
      respond({ replace_original: true, ...message }),
    );
  };
}
