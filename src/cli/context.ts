import type { Services } from "../answer/reply.js";
import type { Catalog } from "../catalog/types.js";
import { loadSettings, type Settings } from "../config/settings.js";
import type { Recommender } from "../matching/recommender.js";
import { openCatalog } from "../matching/snapshot.js";
import { DISABLED_RECORDER } from "../store/types.js";

/**
 * The settings, the catalog they point at (SCENARIOS_DIR) and its recommender: from the build's
 * snapshot when the cards are the ones it was made from, else read and built.
 */
export async function loadCatalogFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<{
  settings: Settings;
  catalog: Catalog;
  recommender: Recommender;
}> {
  const settings = loadSettings(env);
  return { settings, ...(await openCatalog(settings.scenariosDir)) };
}

/**
 * The settings and what answering needs: the catalog and its recommender. Nothing is recorded
 * (`ask --record` sets a recorder); on the command line, whoever runs it may see the stats.
 */
export async function loadContext(env: NodeJS.ProcessEnv = process.env): Promise<{
  settings: Settings;
  services: Services;
}> {
  const { settings, catalog, recommender } = await loadCatalogFromEnv(env);
  return {
    settings,
    services: {
      catalog,
      recommender,
      docsBaseUrl: settings.docsBaseUrl,
      recorder: DISABLED_RECORDER,
      adminUserIds: [],
    },
  };
}
