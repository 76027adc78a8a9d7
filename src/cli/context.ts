import { loadCatalog } from "../catalog/load.js";
import { CATALOG_HINTS, catalogSettingsSchema } from "../catalog/settings.js";
import type { Catalog } from "../catalog/types.js";
import { Recommender } from "../matching/recommender.js";
import { parseSettings } from "../settings.js";

export interface CliContext {
  catalog: Catalog;
  recommender: Recommender;
  docsBaseUrl: string;
}

/** The catalog the settings point at (SCENARIOS_DIR), and the docs base URL. */
export function loadCatalogFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const settings = parseSettings(catalogSettingsSchema, env, CATALOG_HINTS);
  return { catalog: loadCatalog(settings.SCENARIOS_DIR), docsBaseUrl: settings.DOCS_BASE_URL };
}

/** Settings, catalog and recommender, as every answering command needs them. */
export function loadContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const { catalog, docsBaseUrl } = loadCatalogFromEnv(env);
  return { catalog, recommender: new Recommender(catalog), docsBaseUrl };
}
