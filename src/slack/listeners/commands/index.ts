import type { App } from "@slack/bolt";
import { z } from "zod";
import { type Advisor, answer } from "../../answer.js";

/** The slash command; manifest.yml declares the same name. */
export const COMMAND = "/scenario";

const commandSchema = z.object({ text: z.string().catch("") });

export function registerCommands(app: App, advisor: Advisor): void {
  // Matching takes microseconds, so the card itself is the ack: well within Slack's 3 seconds.
  app.command(COMMAND, async ({ command, ack }) => {
    const { text } = commandSchema.parse(command);
    await ack({ response_type: "ephemeral", ...answer(advisor, text, "ephemeral") });
  });
}
