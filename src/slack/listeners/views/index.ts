import type { App } from "@slack/bolt";
import type { Services } from "../../../answer/reply.js";
import type { MetadataSeal } from "../../seal.js";
import { viewSubmission } from "./guide-submission.js";

export function registerViews(app: App, services: Services, seal: MetadataSeal): void {
  // Every submission, ours or not, so that none is left unacknowledged.
  app.view(/.*/, viewSubmission(services, seal));
}
