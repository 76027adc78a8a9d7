import { type CatalogProblem, formatProblem } from "./problems.js";

/** A scenarios directory that cannot be used; the message lists every problem. */
export class CatalogError extends Error {
  override name = "CatalogError";
  constructor(readonly problems: CatalogProblem[]) {
    super(`invalid scenario catalog:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  }
}
