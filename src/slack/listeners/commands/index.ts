import type { App } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import type { MetadataSeal } from "../../seal.js";
import { scenarioCommand } from "./scenario.js";

/** The slash command; manifest.yml declares the same name. */
export const COMMAND = "/scenario";

export function registerCommands(app: App, services: Services, seal: MetadataSeal): void {
  app.command(COMMAND, scenarioCommand(services, seal));
}
