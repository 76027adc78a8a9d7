/**
 * The answering service. Every surface (the slash command, mentions, DMs, the command line)
 * parses its text into a Question, calls replyTo, shows the Reply its own way, then records it.
 */
import type { Catalog } from "../catalog/types.js";
import type { Recommender } from "../matching/recommender.js";
import { renderReport } from "../store/report.js";
import type { Recorder } from "../store/types.js";
import { type Answer, recommendAnswer } from "./answer.js";
import { classify } from "./intent.js";
import type { Question } from "./question.js";
import { type Asker, answerRecord } from "./record.js";

/** What answering needs: the catalog, the recommender, the recorder and who may see stats. */
export interface Services {
  catalog: Catalog;
  recommender: Pick<Recommender, "search">;
  /** Base of every docs link. */
  docsBaseUrl: string;
  /** Where answers and feedback are recorded. */
  recorder: Recorder;
  /** Slack users who may see the stats; on the command line, whoever runs it may. */
  adminUserIds: readonly string[];
}

export type Reply =
  | { kind: "help" | "list" | "greeting" | "thanks" }
  /** The guided chooser: two questions instead of a description (see axes.ts). */
  | { kind: "guide" }
  /** The short review report; undefined when recording is off or its database unavailable. */
  | { kind: "stats"; report: string | undefined }
  /** Stats asked for by someone who is not an admin. */
  | { kind: "admins-only" }
  | { kind: "answer"; answer: Answer; asker: Asker };

/** How far back the stats look. */
export const STATS_DAYS = 30;

/**
 * The reply to a question: a sub-command's, a greeting, or an answer from the recommender. A
 * promise, since the stats read the database; everything else is ready at once.
 */
export async function replyTo(
  services: Services,
  question: Question,
  asker: Asker,
): Promise<Reply> {
  const intent = classify(question);
  switch (intent) {
    case "help":
    case "list":
    case "greeting":
    case "thanks":
    case "guide":
      return { kind: intent };
    case "stats":
      return stats(services, asker);
    case "question":
      return {
        kind: "answer",
        answer: recommendAnswer(services, question),
        asker,
      };
  }
}

/** Records a reply's answer (other replies are not questions). Call it once the reply is sent. */
export function recordReply(services: Services, reply: Reply): void {
  if (reply.kind === "answer")
    services.recorder.recordAnswer(answerRecord(reply.answer, reply.asker));
}

/** The short report, of the asker's workspace only (of every workspace on the command line). */
async function stats(services: Services, asker: Asker): Promise<Reply> {
  const admin =
    asker.surface === "cli" ||
    (asker.userId !== null && services.adminUserIds.includes(asker.userId));
  if (!admin) return { kind: "admins-only" };
  const report = await services.recorder.report({
    since: new Date(Date.now() - STATS_DAYS * 24 * 60 * 60 * 1000),
    scenarioIds: services.catalog.scenarios.map((s) => s.id),
    ...(asker.workspaceId !== null && { workspaceId: asker.workspaceId }),
  });
  return { kind: "stats", report: report && renderReport(report, { short: true }) };
}
