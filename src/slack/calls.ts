import { createHmac, randomBytes } from "node:crypto";
import { type Logger, type types, webApi } from "@slack/bolt";
import type { SlackMessage } from "./blocks/kit.js";

/** A one-line description of a failed Slack call; never includes tokens. */
export function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; data?: { error?: unknown } };
  switch (e.code) {
    case webApi.ErrorCode.PlatformError:
      return `Slack API error: ${String(e.data?.error)}`;
    case webApi.ErrorCode.RateLimitedError:
      return `rate limited by Slack, retry after ${String((error as { retryAfter?: unknown }).retryAfter)}s`;
    case webApi.ErrorCode.HTTPError:
      return `HTTP error from Slack: ${String((error as { statusCode?: unknown }).statusCode)}`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Made at start: log references to one id match within a run, and mean nothing outside it. */
const LOG_KEY = randomBytes(32);

/** References already made, so that a busy workspace is not hashed on every request. */
const LOG_REF_MEMO_LIMIT = 10_000;
const logRefs = new Map<string, string>();

/** A Slack id (user, channel, team) as the log shows it: `#` and a keyed hash, never the id. */
export function logRef(id: string): string {
  let ref = logRefs.get(id);
  if (ref === undefined) {
    ref = `#${createHmac("sha256", LOG_KEY).update(id).digest("hex").slice(0, 10)}`;
    if (logRefs.size >= LOG_REF_MEMO_LIMIT) logRefs.clear();
    logRefs.set(id, ref);
  }
  return ref;
}

/** Slack's ids: U…, W…, C…, D…, G…, T…, E…, B…. */
const SLACK_ID = /^[UWCDGTEB][A-Z0-9]{6,}$/;

/**
 * Runs one Web API or response_url call. A failure (ok:false, HTTP 5xx, rate limit, network)
 * is logged with `what` and the call's context (Slack ids in it as `logRef`s), then swallowed:
 * one failed reply must not stop the app from serving the next request. Returns whether the
 * call succeeded.
 */
export async function safely(
  logger: Logger,
  what: string,
  details: Record<string, unknown>,
  call: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    const context = Object.fromEntries(
      Object.entries(details).map(([key, value]) => [
        key,
        typeof value === "string" && SLACK_ID.test(value) ? logRef(value) : value,
      ]),
    );
    logger.error(`${what} failed: ${describeError(error)}`, context);
    return false;
  }
}

/** Posts a reply with chat.postMessage; links stay compact (no unfurls). See `safely`. */
export function postReply(
  client: webApi.WebClient,
  logger: Logger,
  what: string,
  args: { channel: string; thread_ts?: string | undefined } & SlackMessage,
): Promise<boolean> {
  return safely(logger, what, { channel: args.channel, thread_ts: args.thread_ts }, () =>
    client.chat.postMessage({ ...args, unfurl_links: false, unfurl_media: false }),
  );
}

/**
 * Opens a modal with the trigger_id of the click or command that asked for it (valid for
 * 3 seconds: call this first). See `safely`.
 */
export function openModal(
  client: webApi.WebClient,
  logger: Logger,
  what: string,
  details: Record<string, unknown>,
  triggerId: string,
  view: types.ModalView,
): Promise<boolean> {
  return safely(logger, what, details, () => client.views.open({ trigger_id: triggerId, view }));
}
