import type { Services } from "../../../answer/reply.js";
import { answerMessage } from "../../blocks/answer.js";
import { staleMessage } from "../../blocks/messages.js";
import { safely } from "../../calls.js";
import { type ClickHandler, clickedAnswer, recordClick, whisper } from "./click.js";

/**
 * An answer to the clarifying question: recorded as the person's pick, then the card refined
 * in place (the ephemeral answer stays ephemeral, a DM's or assistant thread's is replaced),
 * the question asked still on show. In a public thread the message is everyone's: the refined
 * card goes to the clicker alone, ready to share.
 */
export function clarify(services: Services): ClickHandler {
  return async (click, respond, logger) => {
    recordClick(services, click, "picked", click.value.scenarioId);
    const clicked = clickedAnswer(click, services.catalog);
    const details = { scenario: click.value.scenarioId };
    if (clicked === null) {
      await safely(logger, "Answering a stale clarification", details, () =>
        whisper(respond, staleMessage()),
      );
      return;
    }
    const facts = { ...clicked.facts, clarified: true };
    if (click.ephemeral || click.inDm) {
      const message = answerMessage(
        clicked.answer,
        click.ephemeral ? "ephemeral" : "dm",
        services.docsBaseUrl,
        facts,
      );
      await safely(logger, "Refining the answer", details, () =>
        respond({ replace_original: true, ...message }),
      );
      return;
    }
    const message = answerMessage(clicked.answer, "ephemeral", services.docsBaseUrl, facts);
    await safely(logger, "Refining a public answer for the clicker", details, () =>
      whisper(respond, message),
    );
  };
}
