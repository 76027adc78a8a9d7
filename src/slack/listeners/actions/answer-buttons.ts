import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { apologyMessage, staleMessage } from "../../blocks/messages.js";
import { ACTION, withoutIndex } from "../../buttons.js";
import { describeError, safely } from "../../calls.js";
import { clarify } from "./clarify.js";
import { type ClickHandler, parseClick, whisper } from "./click.js";
import { feedback } from "./feedback.js";
import { more } from "./more.js";
import { pick } from "./pick.js";
import { share } from "./share.js";

type Args = Pick<
  SlackActionMiddlewareArgs & AllMiddlewareArgs,
  "ack" | "body" | "action" | "respond" | "logger" | "client"
>;

/**
 * Every button of an answer: acked first, then handed to its handler by action_id. Link
 * buttons (docs) have no handler: Slack opens the URL and still sends a payload, which only
 * needs the ack. A button from an older version, or a handler that throws, gets a reply.
 */
export function answerButtons(services: Services) {
  /** What each button does, by action_id (numbered ones without their `_<index>`). */
  const handlers: Readonly<Record<string, ClickHandler>> = {
    [ACTION.pick]: pick(services),
    [ACTION.share]: share(services),
    [ACTION.more]: more(services),
    [ACTION.helpful]: feedback(services, "helpful"),
    [ACTION.notQuite]: feedback(services, "not_quite"),
    [ACTION.noneOfThese]: feedback(services, "none_of_these"),
    [ACTION.clarify]: clarify(services),
  };
  return async ({ ack, body, action, respond, logger, client }: Args): Promise<void> => {
    await ack();
    const handler = handlers[withoutIndex((action as { action_id: string }).action_id)];
    const click = handler && parseClick(body, action, services.catalog);
    if (!handler || !click) return;
    const { value } = click;
    if (value === null) {
      await safely(logger, "Answering an outdated button", {}, () =>
        whisper(respond, staleMessage()),
      );
      return;
    }
    try {
      await handler({ ...click, value }, respond, logger, client);
    } catch (error) {
      logger.error(`Handling a button failed: ${describeError(error)}`);
      await safely(logger, "Apologising for a button", {}, () =>
        whisper(respond, apologyMessage()),
      );
    }
  };
}
