import type { Recommender } from "../../src/matching/recommender.js";
import { type Decision, decide } from "../../src/policy/decide.js";

/** What the answering code does with a question's text: the recommender's search, then the policy's decision. */
export function recommend(
  recommender: Pick<Recommender, "search" | "catalog">,
  text: string,
): Decision {
  return decide(recommender.search(text), recommender.catalog);
}
