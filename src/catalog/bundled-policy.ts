import { CatalogError } from "./catalog-error.js";
import { DEFAULT_SCENARIOS_DIR } from "./catalog-settings.js";
import { loadPolicy } from "./policy.js";
import type { PolicyData } from "./types.js";

let bundled: PolicyData | undefined;

/** The bundled policy.yml, decline/ and on-topic/ (read once); throws CatalogError when they are broken. */
export function bundledPolicy(): PolicyData {
  if (bundled === undefined) {
    const { policy, decline, onTopic, problems } = loadPolicy(
      DEFAULT_SCENARIOS_DIR,
      DEFAULT_SCENARIOS_DIR,
    );
    if (policy === undefined || problems.length > 0) throw new CatalogError(problems);
    bundled = { policy, decline, onTopic };
  }
  return bundled;
}
