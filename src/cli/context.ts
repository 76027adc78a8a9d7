import type { Advisor } from "../answer/reply.js";
import { loadCatalog } from "../catalog/load.js";
import type { Catalog } from "../catalog/types.js";
import { loadSettings, type Settings } from "../config/index.js";
import { Recommender } from "../matching/recommender.js";
import { DISABLED_RECORDER } from "../store/types.js";

/** The settings, and the catalog they point at (SCENARIOS_DIR). */
export function loadCatalogFromEnv(env: NodeJS.ProcessEnv = process.env): {
  settings: Settings;
  catalog: Catalog;
} {
  const settings = loadSettings(env);
  return { settings, catalog: loadCatalog(settings.scenariosDir) };
}

/**
 * The settings and what answering needs: the catalog and its recommender. Nothing is recorded
 * (`ask --record` sets a recorder); on the command line, whoever runs it may see the stats.
 */
export function loadContext(env: NodeJS.ProcessEnv = process.env): {
  settings: Settings;
  advisor: Advisor;
} {
  const { settings, catalog } = loadCatalogFromEnv(env);
  return {
    settings,
    advisor: {
      catalog,
      recommender: new Recommender(catalog),
      docsBaseUrl: settings.docsBaseUrl,
      recorder: DISABLED_RECORDER,
      adminUserIds: [],
    },
  };
}
