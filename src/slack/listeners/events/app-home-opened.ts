import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { Services } from "../../../answer/reply.js";
import { homeView } from "../../blocks/home.js";
import { safely } from "../../calls.js";

const homeOpenedSchema = z.object({ user: z.string(), tab: z.string() });

type Args = Pick<
  SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs,
  "event" | "client" | "logger"
>;

/** The Home tab: the same view for everyone, built once (the catalog does not change). */
export function appHomeOpened(services: Services) {
  const view = homeView(services.catalog, services.docsBaseUrl);
  return async ({ event, client, logger }: Args): Promise<void> => {
    const opened = homeOpenedSchema.safeParse(event);
    if (!opened.success || opened.data.tab !== "home") return;
    const { user } = opened.data;
    await safely(logger, "Publishing the Home tab", {}, () =>
      client.views.publish({ user_id: user, view }),
    );
  };
}
