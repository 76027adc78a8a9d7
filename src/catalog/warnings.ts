import type { CatalogProblem } from "./problems.js";
import type { Scenario } from "./types.js";

/**
 * Things `scenario-bot check` warns about without failing: what a card shows that an identity
 * architect would flag. Policy as data: the deprecated flows, how each is named, and the words
 * that count as a warning next to it.
 */
const DEPRECATED_FLOWS: readonly { flow: string; named: RegExp }[] = [
  { flow: "the implicit grant", named: /\bimplicit\b|response_type=token\b/i },
  {
    flow: "the password grant (ROPC)",
    named: /\bROPC\b|resource owner password|password grant|grant_type=password/i,
  },
];
const WARNED = /\b(deprecated|do not use|don't use|never|legacy|removed|avoid|not to be used)\b/i;

/** Every warning for these cards (empty when none). */
export function cardWarnings(scenarios: readonly Scenario[]): CatalogProblem[] {
  const warnings: CatalogProblem[] = [];
  for (const s of scenarios) {
    const shown: [string, string | undefined][] = [
      ["title", s.title],
      ["summary", s.summary],
      ["flows", s.flows.join(" ")],
      ["flow_note", s.flowNote],
      ["pick_over", s.pickOver],
    ];
    for (const [field, text] of shown) {
      if (text === undefined) continue;
      for (const { flow, named } of DEPRECATED_FLOWS) {
        if (!named.test(text)) continue;
        // A flow in the list is warned about by the flow note shown beside it.
        const beside = field === "flows" ? (s.flowNote ?? "") : text;
        if (!WARNED.test(beside))
          warnings.push({
            file: s.file,
            field,
            message: `names ${flow} without a warning that it is deprecated`,
          });
      }
    }
    if (s.pickOver === undefined)
      warnings.push({
        file: s.file,
        field: "pick_over",
        message: "is missing: say when to pick this card over its nearest neighbour",
      });
  }
  return warnings;
}
