import type { App } from "@slack/bolt";
import type { Advisor } from "../../../answer/reply.js";
import type { MetadataSeal } from "../../seal.js";
import { scenarioCommand } from "./scenario.js";

/** The slash command; manifest.yml declares the same name. */
export const COMMAND = "/scenario";

export function registerCommands(app: App, advisor: Advisor, seal: MetadataSeal): void {
  app.command(COMMAND, scenarioCommand(advisor, seal));
}
