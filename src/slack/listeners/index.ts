import type { App } from "@slack/bolt";
import type { Advisor } from "../../answer/reply.js";
import { registerActions } from "./actions/index.js";
import { registerAssistant } from "./assistant/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerMessages } from "./messages/index.js";
import { registerShortcuts } from "./shortcuts/find-scenario.js";
import { registerViews } from "./views/index.js";

/** One folder per kind of listener, as in Slack's bolt-ts-starter-template. */
export function registerListeners(app: App, advisor: Advisor): void {
  // Global middleware: takes assistant-thread messages before the DM listener sees them.
  registerAssistant(app, advisor);
  registerCommands(app, advisor);
  registerEvents(app, advisor);
  registerMessages(app, advisor);
  registerActions(app, advisor);
  registerViews(app, advisor);
  registerShortcuts(app, advisor);
}
