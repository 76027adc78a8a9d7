import { loadCatalog } from "../catalog/load.js";
import type { Catalog } from "../catalog/types.js";
import { loadSettings, type Settings } from "../config/index.js";
import { Recommender } from "../matching/recommender.js";

export interface CliContext {
  catalog: Catalog;
  recommender: Recommender;
  docsBaseUrl: string;
}

/** The settings, the catalog they point at (SCENARIOS_DIR), and the docs base URL. */
export function loadCatalogFromEnv(env: NodeJS.ProcessEnv = process.env): {
  settings: Settings;
  catalog: Catalog;
  docsBaseUrl: string;
} {
  const settings = loadSettings(env);
  const catalog = loadCatalog(settings.scenariosDir);
  return { settings, catalog, docsBaseUrl: settings.docsBaseUrl };
}

/** Settings, catalog and recommender, as every answering command needs them. */
export function loadContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const { catalog, docsBaseUrl } = loadCatalogFromEnv(env);
  return { catalog, recommender: new Recommender(catalog), docsBaseUrl };
}
