import type { App } from "@slack/bolt";
import type { Advisor } from "../../../answer/reply.js";
import type { MetadataSeal } from "../../seal.js";
import { viewSubmission } from "./guide-submission.js";

export function registerViews(app: App, advisor: Advisor, seal: MetadataSeal): void {
  // Every submission, ours or not, so that none is left unacknowledged.
  app.view(/.*/, viewSubmission(advisor, seal));
}
