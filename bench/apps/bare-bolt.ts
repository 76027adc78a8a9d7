/**
 * The ceiling: a bare Bolt app with the same receiver (HTTP, same endpoints and /healthz route)
 * and Web API client settings as ours, whose listeners send an answer built once at start-up. The
 * gap between it and the real app is the real app's own work per request.
 *
 * With BENCH_ANSWER=1 the command's answer is computed per request with replyTo(), as ours does:
 * that splits the gap into the cost of answering and the cost of our Bolt set-up (the other
 * listeners and middleware).
 */
import { App } from "@slack/bolt";
import { questionFromSlack } from "../../src/answer/question.js";
import { replyTo, type Services } from "../../src/answer/reply.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { DEFAULT_DOCS_BASE_URL } from "../../src/catalog/urls.js";
import { Recommender } from "../../src/matching/recommender.js";
import { EVENTS_PATH, HEALTH_PATH } from "../../src/slack/app.js";
import type { Placement } from "../../src/slack/blocks/answer.js";
import { replyMessage } from "../../src/slack/blocks/reply.js";
import { DISABLED_RECORDER } from "../../src/store/types.js";
import { reportLoopDelay } from "./loop-delay.js";

reportLoopDelay();

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const catalog = loadCatalog(env("SCENARIOS_DIR"));
const services: Services = {
  catalog,
  recommender: new Recommender(catalog),
  docsBaseUrl: DEFAULT_DOCS_BASE_URL,
  recorder: DISABLED_RECORDER,
  adminUserIds: [],
};
const asker = { surface: "command", workspaceId: null, userId: null } as const;
/** The message the real app sends for this text, through the same answering service. */
const messageFor = async (text: string, placement: Placement) =>
  replyMessage(services, await replyTo(services, questionFromSlack(text), asker), placement);
// The same answer the real app sends for this question, so both acks weigh the same.
const QUESTION = "mobile app calling an API";
const commandAnswer = {
  response_type: "ephemeral" as const,
  ...(await messageFor(QUESTION, "ephemeral")),
};
const mentionAnswer = await messageFor(QUESTION, "public");

const app = new App({
  token: env("SLACK_BOT_TOKEN"),
  signingSecret: env("SLACK_SIGNING_SECRET"),
  endpoints: EVENTS_PATH,
  convoStore: false,
  clientOptions: { slackApiUrl: env("SLACK_API_URL") },
  customRoutes: [
    {
      path: HEALTH_PATH,
      method: ["GET"],
      handler: (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"status":"ok"}');
      },
    },
  ],
});

const answerPerRequest = process.env.BENCH_ANSWER === "1";

app.command("/scenario", async ({ command, ack }) => {
  await ack(
    answerPerRequest
      ? { response_type: "ephemeral", ...(await messageFor(command.text, "ephemeral")) }
      : commandAnswer,
  );
});

app.event("app_mention", async ({ event, client }) => {
  await client.chat.postMessage({
    channel: event.channel,
    thread_ts: event.ts,
    ...mentionAnswer,
    unfurl_links: false,
    unfurl_media: false,
  });
});

await app.start({ port: Number(env("PORT")), host: "127.0.0.1" });
process.on("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
