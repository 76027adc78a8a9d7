import type { App } from "@slack/bolt";
import { z } from "zod";
import { renderReport } from "../../../store/report.js";
import { type Advisor, answer, recordReply } from "../../answer.js";
import { adminsOnlyMessage, type SlackMessage, statsMessage } from "../../blocks.js";

/** The slash command; manifest.yml declares the same name. */
export const COMMAND = "/scenario";

const commandSchema = z.object({
  text: z.string().catch(""),
  user_id: z.string(),
  team_id: z.string().nullish(),
});

/** How far back `/scenario stats` looks. */
const STATS_DAYS = 30;

export function registerCommands(app: App, advisor: Advisor): void {
  // Matching takes microseconds, so the card itself is the ack: well within Slack's 3 seconds.
  app.command(COMMAND, async ({ command, ack }) => {
    const { text, user_id, team_id } = commandSchema.parse(command);
    if (text.trim().toLowerCase() === "stats") {
      await ack({ response_type: "ephemeral", ...stats(advisor, user_id) });
      return;
    }
    const asker = { surface: "command", workspaceId: team_id ?? null, userId: user_id } as const;
    const reply = answer(advisor, text, "ephemeral", asker);
    await ack({ response_type: "ephemeral", ...reply.message });
    recordReply(advisor, reply);
  });
}

function stats(advisor: Advisor, userId: string): SlackMessage {
  if (!advisor.adminUserIds.includes(userId)) return adminsOnlyMessage();
  const report = advisor.recorder.report({
    since: new Date(Date.now() - STATS_DAYS * 24 * 60 * 60 * 1000),
    scenarioIds: advisor.catalog.scenarios.map((s) => s.id),
  });
  return statsMessage(report && renderReport(report, { short: true }));
}
