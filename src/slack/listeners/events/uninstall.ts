import type { AllMiddlewareArgs, App, Context, SlackEventMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { ClosableInstallationStore } from "../../../store/installations.js";
import { describeError, logRef } from "../../calls.js";

type Store = Pick<ClosableInstallationStore, "deleteInstallation">;

const revokedSchema = z.object({
  tokens: z.object({ bot: z.array(z.string()).optional() }).catch({}),
});

/** The installation `context` is about: the team's, or the enterprise's when org-wide. */
function installationOf(context: Context) {
  return {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall === true,
  };
}

async function forget(store: Store, context: Context, logger: AllMiddlewareArgs["logger"]) {
  const installation = installationOf(context);
  const id = installation.isEnterpriseInstall ? installation.enterpriseId : installation.teamId;
  try {
    await store.deleteInstallation(installation);
    logger.info(
      `Installation of ${id === undefined ? "an unknown workspace" : logRef(id)} removed, with its tokens`,
    );
  } catch (error) {
    logger.error(
      `Removing the installation of ${id === undefined ? "an unknown workspace" : logRef(id)} failed: ${describeError(error)}`,
    );
  }
}

/**
 * OAuth mode: a workspace that uninstalls the app, or revokes its bot token, has its
 * installation (and so its tokens) deleted from the database. Bolt skips authorization for these
 * two events, since the token is already dead.
 */
export function registerUninstall(app: App, store: Store): void {
  app.event(
    "app_uninstalled",
    async ({
      context,
      logger,
    }: SlackEventMiddlewareArgs<"app_uninstalled"> & AllMiddlewareArgs) => {
      await forget(store, context, logger);
    },
  );
  app.event(
    "tokens_revoked",
    async ({
      event,
      context,
      logger,
    }: SlackEventMiddlewareArgs<"tokens_revoked"> & AllMiddlewareArgs) => {
      // Only user tokens revoked: the app asks for none, so there is nothing of them to delete.
      const revoked = revokedSchema.safeParse(event);
      if (revoked.success && (revoked.data.tokens.bot?.length ?? 0) > 0) {
        await forget(store, context, logger);
      }
    },
  );
}
