import type { types } from "@slack/bolt";
import type { Catalog, Scenario } from "../../catalog/types.js";
import { mrkdwn } from "../mrkdwn.js";
import { guideButton } from "./guide-modal.js";
import {
  actions,
  bullets,
  divider,
  examples,
  HOW_TO_ASK,
  header,
  type KnownBlock,
  LIMITS,
  packSections,
  SUMMARY_IN_LIST_MAX,
  scenarioLink,
  section,
  WHAT_IT_DOES,
} from "./kit.js";

function statusLabel(scenario: Scenario): string {
  return scenario.status === "under-construction" ? "under construction in the docs" : "published";
}

/** The Home tab: what the bot does, the guided chooser's button, how to ask, the whole catalog. */
export function homeView(catalog: Catalog, docsBaseUrl: string): types.HomeView {
  const lines = catalog.scenarios.map(
    (s) =>
      `*${scenarioLink(s, docsBaseUrl)}*  ·  _${statusLabel(s)}_\n${mrkdwn(s.summary, SUMMARY_IN_LIST_MAX)}`,
  );
  const blocks: KnownBlock[] = [
    header("Scenario Advisor"),
    section(WHAT_IT_DOES),
    section("Not sure how to describe it? Answer two questions: what kind of app, who signs in."),
    ...actions([guideButton("home")]),
    section(HOW_TO_ASK),
    section(`*Examples*\n${bullets(examples(catalog, 4).map((e) => `_${e}_`))}`),
    divider,
    header(`The catalog: ${catalog.scenarios.length} scenarios`),
  ];
  blocks.push(...packSections(lines, LIMITS.viewBlocks - blocks.length, "\n\n"));
  return { type: "home", blocks };
}
