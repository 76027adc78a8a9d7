import type { Services } from "../../../answer/reply.js";
import { cardModal } from "../../blocks/card.js";
import { staleMessage } from "../../blocks/messages.js";
import { openModal, safely } from "../../calls.js";
import { type ClickHandler, whisper } from "./click.js";

/**
 * "More": the card the button names, in full, in a modal only the clicker sees. The button
 * carries the answer's id and that card's id; the card is read from today's catalog, so a
 * scenario id the catalog does not hold (a card removed since, or a value made up) opens
 * nothing: the clicker is told the answer is out of date, and the log says why.
 */
export function more(services: Services): ClickHandler {
  return async (click, respond, logger, client) => {
    const scenario = services.catalog.get(click.value.scenarioId);
    if (scenario === undefined || click.triggerId === undefined) {
      // The id is the click's, not ours: it is not logged.
      logger.warn(
        scenario === undefined
          ? "Refused a More button: it names no card of the catalog"
          : "Refused a More button: the click has no trigger_id",
      );
      await safely(logger, "Answering a More button", {}, () => whisper(respond, staleMessage()));
      return;
    }
    await openModal(
      client,
      logger,
      "Opening the card in full",
      { scenario: scenario.id },
      click.triggerId,
      cardModal(scenario, services.docsBaseUrl),
    );
  };
}
