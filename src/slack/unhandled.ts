/**
 * A Slack request no listener acknowledged (an unknown action_id, a view, a shortcut or an
 * options request we have no listener for): how the log names it, and the ack it gets.
 */

/** Slack's names for things (types, action and callback ids, commands); nothing anyone wrote. */
const NAME = /^[\w./:-]{1,100}$/;

/** What a request no listener acknowledged is, for the log, and the ack it gets. */
export function unhandledRequest(body: unknown): { kind: string; response?: { options: [] } } {
  const b = (body ?? {}) as {
    type?: unknown;
    command?: unknown;
    callback_id?: unknown;
    action_id?: unknown;
    actions?: { action_id?: unknown }[];
    view?: { callback_id?: unknown };
  };
  const type = typeof b.type === "string" ? b.type : b.command === undefined ? "" : "command";
  const id = b.actions?.[0]?.action_id ?? b.view?.callback_id ?? b.callback_id ?? b.action_id;
  const named = (value: unknown) => (typeof value === "string" && NAME.test(value) ? value : "");
  const kind = [named(type) || "a request of no known type", named(id ?? b.command)]
    .filter((part) => part !== "")
    .join(" ");
  // An options request wants a list: an empty one shows "no options" instead of an error.
  const options = type === "block_suggestion" || type === "dialog_suggestion";
  return options ? { kind, response: { options: [] } } : { kind };
}
