/**
 * Slack's assistant panel (a paid-plan feature, declared in manifest.yml): a greeting and
 * suggested prompts when a thread starts, then each message answered in its thread with a
 * status while answering and a title from its gist. Bolt's Assistant is global middleware: it
 * takes every message in a DM thread and stops it there, so the DM listener never answers
 * these too. Where the feature is off, a DM thread is not an assistant thread: setting its
 * status fails, and the message is answered as a plain DM, in its thread.
 */
import { type App, Assistant } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { threadStarted } from "./thread-started.js";
import { userMessage } from "./user-message.js";

export function registerAssistant(app: App, services: Services): void {
  // A DM message with `thread_ts` null or empty is in no thread: Bolt's Assistant would take it
  // (it looks for the key) and throw for want of a thread. Without the key, the DM listener
  // answers it in the DM.
  // Bolt's Assistant middleware, and this fix before it, in one middleware: Bolt spreads every
  // middleware's arguments into a new object per call, a cost on every request (issue 22).
  const assistant = new Assistant({
    threadStarted: threadStarted(services),
    // Answers do not depend on the channel the person is looking at: nothing to keep.
    threadContextChanged: async () => {},
    userMessage: userMessage(services),
  }).getMiddleware();
  app.use(async (args) => {
    const event = (args.body as { event?: Record<string, unknown> }).event;
    if (event?.type === "message" && "thread_ts" in event && !event.thread_ts) {
      delete event.thread_ts;
    }
    await assistant(args);
  });
}
