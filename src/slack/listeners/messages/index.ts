import type { App } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { directMessage } from "./direct-message.js";

export function registerMessages(app: App, services: Services): void {
  app.message(directMessage(services));
}
