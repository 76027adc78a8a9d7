import type { App } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { GUIDE } from "../../blocks/guide-modal.js";
import type { MetadataSeal } from "../../seal.js";
import { answerButtons } from "./answer-buttons.js";
import { guideOpen } from "./guide-open.js";

export function registerActions(app: App, services: Services, seal: MetadataSeal): void {
  // One listener for all our buttons: Bolt runs every listener's filters on every request, so
  // one listener instead of one per button keeps routing cheap.
  app.action(/^scenario_/, answerButtons(services));
  app.action(GUIDE.open, guideOpen(services, seal));
}
