import type { App } from "@slack/bolt";
import type { Advisor } from "../../../answer/reply.js";
import { directMessage } from "./direct-message.js";

export function registerMessages(app: App, advisor: Advisor): void {
  app.message(directMessage(advisor));
}
