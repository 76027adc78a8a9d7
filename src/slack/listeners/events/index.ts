import type { App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { appHomeOpened } from "./app-home-opened.js";
import { appMention } from "./app-mention.js";

export function registerEvents(app: App, services: Services): void {
  // One listener for both events: Bolt runs every listener's filters on every request (issue 22).
  const mention = appMention(services);
  const home = appHomeOpened(services);
  app.event(/^(app_mention|app_home_opened)$/, async (args) =>
    args.event.type === "app_mention"
      ? mention(args as typeof args & SlackEventMiddlewareArgs<"app_mention">)
      : home(args as typeof args & SlackEventMiddlewareArgs<"app_home_opened">),
  );
}
