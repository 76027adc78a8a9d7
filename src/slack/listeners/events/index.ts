import type { App } from "@slack/bolt";
import type { Advisor } from "../../../answer/reply.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appMention } from "./app-mention.js";

export function registerEvents(app: App, advisor: Advisor): void {
  app.event("app_mention", appMention(advisor));
  app.event("app_home_opened", appHomeOpened(advisor));
}
