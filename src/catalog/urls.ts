import type { Flow, Scenario } from "./types.js";

export const DEFAULT_DOCS_BASE_URL = "https://auth0.com/docs";

/** Full docs URL of a scenario under a base such as `https://auth0.com/docs`. */
export function docsUrl(
  scenario: Pick<Scenario, "docsPath">,
  base = DEFAULT_DOCS_BASE_URL,
): string {
  return base.replace(/\/+$/, "") + scenario.docsPath;
}

const FLOW_LABELS: Record<Flow, string> = {
  "authorization-code": "Authorization Code",
  "authorization-code-pkce": "Authorization Code with PKCE",
  "client-credentials": "Client Credentials",
  implicit: "Implicit",
};

export function flowLabel(flow: Flow): string {
  return FLOW_LABELS[flow];
}
