/**
 * Where a question came from: the word the records, the report and the database use. `guide`
 * is the guided chooser (Slack's modal); `assistant` is Slack's assistant panel; `shortcut` is the message shortcut
 * "Find the scenario" on someone's message.
 */
export const SURFACES = [
  "command",
  "mention",
  "dm",
  "cli",
  "guide",
  "assistant",
  "shortcut",
] as const;
export type Surface = (typeof SURFACES)[number];
