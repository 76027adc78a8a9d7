import type { App } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appMention } from "./app-mention.js";

export function registerEvents(app: App, services: Services): void {
  app.event("app_mention", appMention(services));
  app.event("app_home_opened", appHomeOpened(services));
}
