/**
 * Requests as Slack sends them, for the bench's own workspace; they are signed with the tests'
 * signer (test/slack/helpers/signed.ts).
 */

/** A throwaway signing secret for the bench's own processes (32 hex characters, as Slack's). */
export const BENCH_SIGNING_SECRET = "bec4bec4bec4bec4bec4bec4bec4bec4";
export const BENCH_BOT_TOKEN = "xoxb-bench";
export const BOT_USER_ID = "UBENCHBOT1";

export function slashCommandBody(text: string, responseUrl: string): string {
  return new URLSearchParams({
    team_id: "T0BENCH01",
    team_domain: "bench",
    channel_id: "C0BENCH01",
    channel_name: "bench",
    user_id: "U0BENCH01",
    user_name: "bench",
    command: "/scenario",
    text,
    api_app_id: "A0BENCH01",
    response_url: responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

/** An app_mention delivery; `ts` is unique per event, and the reply threads under it. */
export function mentionBody(text: string, ts: string): string {
  return JSON.stringify({
    team_id: "T0BENCH01",
    api_app_id: "A0BENCH01",
    type: "event_callback",
    event_id: `Ev${ts.replace(".", "")}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T0BENCH01", user_id: BOT_USER_ID, is_bot: true }],
    event: {
      type: "app_mention",
      user: "U0BENCH01",
      text: `<@${BOT_USER_ID}> ${text}`,
      ts,
      channel: "C0BENCH01",
      event_ts: ts,
    },
  });
}
