import type { App } from "@slack/bolt";
import type { Advisor } from "../../../answer/reply.js";
import { scenarioCommand } from "./scenario.js";

/** The slash command; manifest.yml declares the same name. */
export const COMMAND = "/scenario";

export function registerCommands(app: App, advisor: Advisor): void {
  app.command(COMMAND, scenarioCommand(advisor));
}
