import type { App } from "@slack/bolt";
import type { Services } from "../../answer/reply.js";
import type { MetadataSeal } from "../seal.js";
import { registerActions } from "./actions/index.js";
import { registerAssistant } from "./assistant/index.js";
import { registerCommands } from "./commands/index.js";
import { registerEvents } from "./events/index.js";
import { registerMessages } from "./messages/index.js";
import { registerShortcuts } from "./shortcuts/find-scenario.js";
import { registerViews } from "./views/index.js";

/**
 * One folder per kind of listener, as in Slack's bolt-ts-starter-template. `seal` guards what
 * the app puts in a modal's private_metadata (seal.ts).
 */
export function registerListeners(app: App, services: Services, seal: MetadataSeal): void {
  // Global middleware: takes assistant-thread messages before the DM listener sees them.
  registerAssistant(app, services);
  registerCommands(app, services, seal);
  registerEvents(app, services);
  registerMessages(app, services);
  registerActions(app, services, seal);
  registerViews(app, services, seal);
  registerShortcuts(app, services);
}
