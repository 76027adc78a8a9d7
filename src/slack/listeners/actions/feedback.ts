import type { Services } from "../../../answer/reply.js";
import type { FeedbackKind } from "../../../store/types.js";
import { feedbackMessage } from "../../blocks/messages.js";
import { safely } from "../../calls.js";
import { type ClickHandler, recordClick, whisper } from "./click.js";

/** Helpful, Not quite, None of these: recorded, then acknowledged to the clicker only. */
export function feedback(services: Services, kind: Exclude<FeedbackKind, "picked">): ClickHandler {
  return async (click, respond, logger) => {
    recordClick(services, click, kind);
    const message = feedbackMessage(kind, services.catalog.get(click.value.scenarioId));
    await safely(logger, "Acknowledging feedback", {}, () => whisper(respond, message));
  };
}
