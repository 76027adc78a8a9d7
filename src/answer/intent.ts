/** What a message asks for, decided once for every surface before any matching. */
import { foldText } from "../text/plain.js";
import type { Question } from "./question.js";

/**
 * A sub-command (a whole message that is one of its words), a greeting, or a question for the
 * recommender. A new sub-command is a word list here and a reply in reply.ts.
 */
export type Intent = "help" | "list" | "stats" | "guide" | "greeting" | "question";

type SubCommand = Exclude<Intent, "greeting" | "question">;

/** The words that ask for each sub-command, as whole messages (case, accents, punctuation aside). */
const SUB_COMMANDS: Readonly<Record<SubCommand, ReadonlySet<string>>> = {
  help: new Set(["help", "usage", "how", "what can you do"]),
  list: new Set(["list", "ls", "all", "catalog", "scenarios", "list scenarios", "show all"]),
  stats: new Set(["stats", "statistics"]),
  guide: new Set(["guide", "guide me", "find my scenario", "help me choose"]),
};

const GREETING =
  /^(hi|hii|hello|hallo|hey|heya|hiya|howdy|yo|hola|bonjour|salut|greetings|good (morning|afternoon|evening|day))( (there|all|everyone|team|folks|friend|bot|you))*$/;

/** Classifies a question by its plain text. Nothing left to read (a bare mention) asks for help. */
export function classify(question: Question): Intent {
  const words = foldText(question.text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (words === "") return "help";
  for (const [intent, phrases] of Object.entries(SUB_COMMANDS)) {
    if (phrases.has(words)) return intent as SubCommand;
  }
  if (GREETING.test(words)) return "greeting";
  return "question";
}
