import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../answer/reply.js";
import { SLACK_USER_ID } from "../../../text/slack-ids.js";
import type { MetadataSeal } from "../../seal.js";
import { destinationFor, openGuide } from "../guide-flow.js";

const openSchema = z.object({
  trigger_id: z.string().min(1),
  user: z.object({ id: z.string().regex(SLACK_USER_ID) }),
  container: z
    .object({ channel_id: z.string().optional(), thread_ts: z.string().optional() })
    .optional(),
  message: z.object({ thread_ts: z.string().optional() }).optional(),
});
const placementSchema = z.enum(["ephemeral", "dm", "public", "home"]).catch("home");

type Args = Pick<
  SlackActionMiddlewareArgs & AllMiddlewareArgs,
  "ack" | "body" | "action" | "client" | "logger"
>;

/**
 * "Find my scenario" (the Home tab, or the reply to "guide"): acked, then the chooser opened at
 * once with the click's trigger_id, its answer bound for where the button was.
 */
export function guideOpen(services: Services, seal: MetadataSeal) {
  return async ({ ack, body, action, client, logger }: Args): Promise<void> => {
    await ack();
    const click = openSchema.safeParse(body);
    if (!click.success) return;
    const { trigger_id, user, container, message } = click.data;
    const placement = placementSchema.parse((action as { value?: unknown }).value);
    const thread = container?.thread_ts ?? message?.thread_ts;
    const destination = destinationFor(placement, container?.channel_id, thread, user.id);
    await openGuide(services, client, logger, seal, trigger_id, destination);
  };
}
