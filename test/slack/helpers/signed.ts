import { createHmac } from "node:crypto";
import { MetadataSeal } from "../../../src/slack/seal.js";

export const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";

/** Slack's v0 request signature over `v0:<timestamp>:<body>`. */
export function signatureHeaders(
  body: string,
  { secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000) } = {},
): Record<string, string> {
  const signature = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${signature}` };
}

export interface PostOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
}

/** POSTs a signed body the way Slack does; `json` for events, a form for commands and actions. */
export async function postSigned(
  url: string,
  kind: "json" | "form",
  body: string,
  options: PostOptions = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": kind === "json" ? "application/json" : "application/x-www-form-urlencoded",
      ...signatureHeaders(body, options),
      ...options.headers,
    },
    body,
  });
}

export function slashCommandBody(text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: "T0000001",
    team_domain: "example",
    channel_id: "C0000001",
    channel_name: "general",
    user_id: "U0000001",
    user_name: "ann",
    command: "/scenario",
    text,
    api_app_id: "A0000001",
    response_url: responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

let eventCounter = 0;

export function eventBody(event: Record<string, unknown>, eventId = `Ev${++eventCounter}`): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: "T0000001",
    api_app_id: "A0000001",
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: "T0000001", user_id: "UBOT0000001", is_bot: true }],
    event,
  });
}

/** Who an interaction payload comes from: the workspace, the user (U0000001) and the app. */
const FROM = {
  team: { id: "T0000001", domain: "example" },
  user: { id: "U0000001", username: "ann", team_id: "T0000001" },
  api_app_id: "A0000001",
  token: "legacy-verification-token",
};

export function blockActionsBody(opts: {
  actionId: string;
  value?: string;
  url?: string;
  responseUrl: string;
  ephemeral: boolean;
  channel?: string;
  /** The thread of the clicked message. */
  thread?: string;
  /** A button on the Home tab (a view) rather than on a message. */
  home?: boolean;
  /** The clicked message's blocks, as Slack sends them for a message that is not ephemeral. */
  messageBlocks?: unknown[];
}): string {
  const container = opts.home
    ? { type: "view", view_id: "V0000001" }
    : {
        type: "message",
        message_ts: "1700000000.000100",
        channel_id: opts.channel ?? "C0000001",
        is_ephemeral: opts.ephemeral,
        ...(opts.thread !== undefined && { thread_ts: opts.thread }),
      };
  const payload = {
    type: "block_actions",
    ...FROM,
    container,
    trigger_id: "1.2.3",
    ...(!opts.home && {
      channel: { id: opts.channel ?? "C0000001", name: "general" },
      response_url: opts.responseUrl,
    }),
    ...(opts.messageBlocks !== undefined && {
      message: { type: "message", ts: "1700000000.000100", blocks: opts.messageBlocks },
    }),
    actions: [
      {
        type: "button",
        action_id: opts.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "x" },
        action_ts: "1700000000.000300",
        ...(opts.value !== undefined && { value: opts.value }),
        ...(opts.url !== undefined && { url: opts.url }),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A view_submission of a modal: its callback_id, private_metadata and state values. `orgWide`
 * sends it as an org-wide install does: `team: null`, the user's workspace in user.team_id.
 */
export function viewSubmissionBody(view: {
  callbackId: string;
  privateMetadata?: string;
  values?: Record<string, Record<string, unknown>>;
  orgWide?: { userTeam: string };
}): string {
  const payload = {
    type: "view_submission",
    ...FROM,
    ...(view.orgWide && {
      team: null,
      user: { ...FROM.user, team_id: view.orgWide.userTeam },
      enterprise: { id: "E0000001", name: "example" },
      is_enterprise_install: true,
    }),
    trigger_id: "1.2.4",
    view: {
      id: "V0000002",
      type: "modal",
      team_id: "T0000001",
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata ?? "",
      state: { values: view.values ?? {} },
      hash: "1700000000.abcd",
      blocks: [],
      title: { type: "plain_text", text: "Find my scenario" },
      app_id: "A0000001",
      bot_id: "B0000001",
    },
    response_urls: [],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A message shortcut (message_action) used by U0000001 on a message in `channel`. */
export function messageActionBody(opts: {
  callbackId: string;
  responseUrl: string;
  channel?: string;
  message: Record<string, unknown>;
}): string {
  const payload = {
    type: "message_action",
    ...FROM,
    callback_id: opts.callbackId,
    trigger_id: "1.2.5",
    action_ts: "1700000000.000400",
    message_ts: opts.message.ts,
    channel: { id: opts.channel ?? "C0000001", name: "general" },
    message: { type: "message", user: "U0000009", ...opts.message },
    response_url: opts.responseUrl,
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** private_metadata as the app writes it: the value's JSON under the seal of SIGNING_SECRET. */
export function sealedMetadata(value: unknown): string {
  return new MetadataSeal(SIGNING_SECRET).seal(JSON.stringify(value));
}

/** The value under a private_metadata the app wrote (throws when its seal does not hold). */
export function openedMetadata(metadata: unknown): unknown {
  const text = new MetadataSeal(SIGNING_SECRET).open(metadata, 3000);
  if (text === null) throw new Error("private_metadata is not sealed with SIGNING_SECRET");
  return JSON.parse(text);
}
