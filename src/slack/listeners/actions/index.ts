import type { App } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import { GUIDE } from "../../blocks/guide-modal.js";
import type { MetadataSeal } from "../../seal.js";
import { answerButtons } from "./answer-buttons.js";
import { guideOpen } from "./guide-open.js";

/** Our buttons' action_ids: the answer's (`scenario_…`) and the guided chooser's. */
const OUR_ACTIONS = new RegExp(`^(scenario_|${GUIDE.open}$)`);

export function registerActions(app: App, services: Services, seal: MetadataSeal): void {
  // One listener for all our buttons: Bolt runs every listener's filters on every request, so
  // one listener instead of one per button keeps routing cheap (issue 22).
  const buttons = answerButtons(services);
  const guide = guideOpen(services, seal);
  app.action(OUR_ACTIONS, async (args) =>
    (args.action as { action_id?: unknown }).action_id === GUIDE.open ? guide(args) : buttons(args),
  );
}
