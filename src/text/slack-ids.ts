/** A Slack user id: `U…`, or `W…` on Enterprise Grid. The one definition of the pattern. */
export const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
