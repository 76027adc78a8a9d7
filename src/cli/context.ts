import { loadCatalog } from "../catalog/load.js";
import { catalogSettingsSchema } from "../catalog/settings.js";
import type { Catalog } from "../catalog/types.js";
import { Recommender } from "../matching/recommender.js";
import { parseSettings } from "../settings.js";

export interface CliContext {
  catalog: Catalog;
  recommender: Recommender;
  docsBaseUrl: string;
}

/** Settings, catalog and recommender, as every answering command needs them. */
export function loadContext(env: NodeJS.ProcessEnv = process.env): CliContext {
  const settings = parseSettings(catalogSettingsSchema, env, {
    SCENARIOS_DIR: "a directory of scenario cards (*.md)",
    DOCS_BASE_URL: "the docs site the cards' docs_path values are under",
  });
  const catalog = loadCatalog(settings.SCENARIOS_DIR);
  return { catalog, recommender: new Recommender(catalog), docsBaseUrl: settings.DOCS_BASE_URL };
}
