import { fileURLToPath } from "node:url";
import { z } from "zod";
import { DEFAULT_DOCS_BASE_URL } from "./urls.js";

/** The cards shipped with the app: `<package root>/scenarios`. */
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL("../../scenarios", import.meta.url));

/** Settings shared by every surface (CLI and Slack): where the cards are and where docs live. */
export const catalogSettingsSchema = z.object({
  SCENARIOS_DIR: z.string().min(1).default(DEFAULT_SCENARIOS_DIR),
  DOCS_BASE_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://auth0.com/docs" })
    .default(DEFAULT_DOCS_BASE_URL),
});

export interface CatalogSettings {
  scenariosDir: string;
  docsBaseUrl: string;
}

/** Where each catalog setting comes from, for start-up errors. */
export const CATALOG_HINTS = {
  SCENARIOS_DIR: "a directory of scenario cards (*.md); leave unset for the bundled scenarios/",
  DOCS_BASE_URL: "the Auth0 docs base URL; leave unset for https://auth0.com/docs",
};
