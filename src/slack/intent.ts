import { normalizeSlackText } from "../text/slack.js";

/** What a message asks for, before any matching. */
export type Intent = "help" | "list" | "greeting" | "ask";

const HELP = new Set(["help", "usage", "how", "what can you do"]);
const LIST = new Set(["list", "ls", "all", "catalog", "scenarios", "list scenarios", "show all"]);
const GREETING =
  /^(hi|hii|hello|hallo|hey|heya|hiya|howdy|yo|hola|bonjour|salut|greetings|good (morning|afternoon|evening|day))( (there|all|everyone|team|folks|friend|bot|you))*$/;

/** Classifies Slack text (mentions already in it are ignored). Only whole-message commands count. */
export function classify(raw: string): Intent {
  if (raw.trim() === "") return "help";
  const words = normalizeSlackText(raw)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  // Something was said but nothing is left (an emoji, a bare mention): treat it as a hello.
  if (words === "") return "greeting";
  if (HELP.has(words)) return "help";
  if (LIST.has(words)) return "list";
  if (GREETING.test(words)) return "greeting";
  return "ask";
}
