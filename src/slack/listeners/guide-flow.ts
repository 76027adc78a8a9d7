/** The guided chooser in Slack: opening it where the person is, and posting its answer there. */
import type { Logger, webApi } from "@slack/bolt";
import type { Services } from "../../answer/reply.js";
import type { Placement } from "../blocks/answer.js";
import { type GuideDestination, guideModal } from "../blocks/guide-modal.js";
import type { SlackMessage } from "../blocks/kit.js";
import { openModal, postReply, safely } from "../calls.js";
import type { MetadataSeal } from "../seal.js";

/**
 * Where the answer of a chooser opened from a message goes: the Home tab's to a DM; a DM's or
 * an assistant thread's back into it; a channel's (a mention's thread, an ephemeral answer) to
 * the person alone, ephemeral, in that channel and thread. `opener`: who opened it there (the
 * clicker, or whoever ran the command), the only one whose submission is answered in it.
 */
export function destinationFor(
  placement: Placement | "home",
  channel: string | undefined,
  thread: string | undefined,
  opener: string,
): GuideDestination {
  if (placement === "home" || channel === undefined) return { to: "dm" };
  return { to: placement === "dm" ? "post" : "ephemeral", channel, thread, by: opener };
}

/** Opens the chooser with a trigger_id (valid for 3 seconds: call this first). */
export function openGuide(
  services: Services,
  client: webApi.WebClient,
  logger: Logger,
  seal: MetadataSeal,
  triggerId: string,
  destination: GuideDestination,
): Promise<boolean> {
  return openModal(
    client,
    logger,
    "Opening the guided chooser",
    { to: destination.to },
    triggerId,
    guideModal(services.catalog, destination, seal),
  );
}

/**
 * Posts the chooser's answer where it belongs. An ephemeral in a channel the app is not in
 * fails (a slash command works anywhere): then it goes to the person's DM instead.
 */
export async function deliverGuided(
  client: webApi.WebClient,
  logger: Logger,
  destination: GuideDestination,
  user: string,
  message: (placement: Placement) => SlackMessage,
): Promise<boolean> {
  const toDm = () =>
    postReply(client, logger, "Sending the guided answer by DM", {
      channel: user,
      ...message("dm"),
    });
  switch (destination.to) {
    case "dm":
      return toDm();
    case "post":
      return postReply(client, logger, "Posting the guided answer", {
        channel: destination.channel,
        thread_ts: destination.thread,
        ...message("dm"),
      });
    case "ephemeral": {
      const { channel, thread } = destination;
      const shown = await safely(logger, "Showing the guided answer", { channel }, () =>
        client.chat.postEphemeral({ channel, user, thread_ts: thread, ...message("ephemeral") }),
      );
      return shown || toDm();
    }
  }
}
