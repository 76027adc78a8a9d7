/**
 * A card in full, as the answer's "More" button opens it: the card's body (when it fits, the
 * flow in steps, how it differs from its neighbours), as `scenario-bot ask --long` prints it,
 * in a modal within Block Kit's limits whatever the card says.
 */
import type { types } from "@slack/bolt";
import { type BodySection, bodySections } from "../../catalog/sections.js";
import type { Scenario } from "../../catalog/types.js";
import { markdownLine, mrkdwn, splitMrkdwn } from "../mrkdwn.js";
import {
  context,
  header,
  type KnownBlock,
  LIMITS,
  packSections,
  scenarioLink,
  section,
} from "./kit.js";

/** The modal's title (at most 24 characters: the card's own title is its first block). */
export const CARD_MODAL_TITLE = "More on this scenario";

/** Lines are cut to this, so that packSections can always add its "…and N more." */
const LINE_MAX = 2000;

/** The body's sections; a body with no `## ` heading is one section without a heading. */
function sectionsOf(body: string): BodySection[] {
  const sections = bodySections(body);
  if (sections.length > 0 || body.trim() === "") return sections;
  return [{ heading: "", text: body.trim() }];
}

/** A section's text as mrkdwn lines, each within LINE_MAX; runs of blank lines become one. */
function linesOf(text: string): string[] {
  const lines = text
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : markdownLine(line.trimEnd())))
    .filter((line, i, all) => line !== "" || (i > 0 && all[i - 1] !== ""));
  return lines.flatMap((line) => splitMrkdwn(line, LINE_MAX));
}

/**
 * The modal: the card's title and summary, each body section under its heading (long ones
 * split over several sections, the whole kept within the modal's 100 blocks, with a count of
 * what did not fit), and the docs link last.
 */
export function cardModal(scenario: Scenario, docsBaseUrl: string): types.ModalView {
  const blocks: KnownBlock[] = [
    header(scenario.title),
    section(mrkdwn(scenario.summary, LIMITS.sectionText)),
  ];
  const sections = sectionsOf(scenario.body).filter((s) => s.text !== "");
  // The last block is the docs link.
  const room = () => LIMITS.viewBlocks - 1 - blocks.length;
  let left = 0;
  for (const [i, part] of sections.entries()) {
    const heading = part.heading === "" ? [] : [header(part.heading)];
    if (room() < heading.length + 1) {
      left = sections.length - i;
      break;
    }
    blocks.push(...heading);
    blocks.push(...packSections(linesOf(part.text), room(), "\n"));
  }
  const more =
    left === 0
      ? ""
      : ` (${left} more ${left === 1 ? "part" : "parts"} of the card did not fit here)`;
  blocks.push(context(`:books: ${scenarioLink(scenario, docsBaseUrl)}${more}`));
  return {
    type: "modal",
    title: { type: "plain_text", text: CARD_MODAL_TITLE },
    close: { type: "plain_text", text: "Close" },
    blocks,
  };
}
