import type { AssistantThreadStartedMiddleware } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../answer/reply.js";
import { AXES } from "../../../catalog/axes.js";
import type { Catalog } from "../../../catalog/types.js";
import { context } from "../../blocks/kit.js";
import { postReply, safely } from "../../calls.js";
import { oneLine } from "../../mrkdwn.js";
import { gist } from "./user-message.js";

const startedSchema = z.object({
  assistant_thread: z.object({ channel_id: z.string(), thread_ts: z.string() }),
});

type Args = Pick<
  Parameters<AssistantThreadStartedMiddleware>[0],
  "event" | "client" | "logger" | "setSuggestedPrompts"
>;

export const GREETING =
  "Hi! Tell me what you are building, and I'll point you to the Auth0 architecture scenario that fits.";

/** What a suggested prompt says: the message sent, and its title (short, one line). */
export interface Prompt {
  title: string;
  message: string;
}

const PROMPT_TITLE_MAX = 40;

/**
 * Three prompts: an example question from an app card and one from an audience card (the
 * catalog's own words), and "Guide me", which opens the guided chooser.
 */
export function suggestedPrompts(catalog: Catalog): Prompt[] {
  const examples = AXES.flatMap((axis) => {
    const card = catalog.scenarios.find((s) => s.axes[axis] !== undefined && s.examples[0]);
    return card?.examples[0] ? [card.examples[0]] : [];
  });
  for (const s of catalog.scenarios) {
    if (examples.length >= 2) break;
    const example = s.examples[0];
    if (example && !examples.includes(example)) examples.push(example);
  }
  return [
    ...examples.slice(0, 2).map((example) => {
      const message = oneLine(example);
      return { title: gist(message, PROMPT_TITLE_MAX), message };
    }),
    { title: "Guide me", message: "Guide me" },
  ];
}

/** A new assistant thread: a one-line greeting, then the suggested prompts. */
export function threadStarted(services: Services) {
  const prompts = suggestedPrompts(services.catalog);
  return async ({ event, client, logger, setSuggestedPrompts }: Args): Promise<void> => {
    const started = startedSchema.safeParse(event);
    if (!started.success) return;
    const { channel_id: channel, thread_ts } = started.data.assistant_thread;
    await postReply(client, logger, "Greeting in the assistant panel", {
      channel,
      thread_ts,
      text: GREETING,
      blocks: [context(GREETING)],
    });
    await safely(logger, "Setting the assistant's suggested prompts", { channel }, () =>
      setSuggestedPrompts({ title: "Try one of these:", prompts }),
    );
  };
}
