/** What a message asks for, decided once for every surface before any matching. */
import { foldText } from "../text/plain.js";
import type { Question } from "./question.js";

/**
 * A sub-command (a whole message that is one of its words), a greeting, or a question for the
 * recommender. A new sub-command is a word list here and a reply in reply.ts.
 */
export type Intent = "help" | "list" | "stats" | "guide" | "greeting" | "thanks" | "question";

type SubCommand = Exclude<Intent, "greeting" | "thanks" | "question">;

/** The words that ask for each sub-command, as whole messages (case, accents, punctuation aside). */
const SUB_COMMANDS: Readonly<Record<SubCommand, ReadonlySet<string>>> = {
  help: new Set(["help", "usage", "how", "what can you do"]),
  list: new Set(["list", "ls", "all", "catalog", "scenarios", "list scenarios", "show all"]),
  stats: new Set(["stats", "statistics"]),
  guide: new Set(["guide", "guide me", "find my scenario", "help me choose"]),
};

const GREETING =
  /^(hi|hii|hello|hallo|hey|heya|hiya|howdy|yo|hola|bonjour|salut|greetings|good (morning|afternoon|evening|day))( (there|all|everyone|team|folks|friend|bot|you))*$/;

/**
 * Thanks as a whole message (after an answer, people say so): a short reply, not "no match".
 * Only whole messages: "thanks, and how do we log in staff?" is a question.
 */
const THANKS =
  /^((thanks|thank you|thx|thnx|ty|tysm|cheers|ta|much appreciated|appreciated|great|perfect|awesome|nice|cool|ok|okay|got it)( (so|very) much| a lot| a ton| again| mate| man| all| bot| you)*)( (thanks|thank you|thx|ty|cheers))?$/;

/**
 * Longer than this, a message is a question: every sub-command, greeting and thanks above is
 * far shorter, even with punctuation and emoji around it, and a long question is not folded twice.
 */
const WHOLE_MESSAGE_MAX_CHARS = 200;

/** Classifies a question by its plain text. Nothing left to read (a bare mention) asks for help. */
export function classify(question: Question): Intent {
  if (question.text.length > WHOLE_MESSAGE_MAX_CHARS) return "question";
  const words = foldText(question.text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (words === "") return "help";
  for (const [intent, phrases] of Object.entries(SUB_COMMANDS)) {
    if (phrases.has(words)) return intent as SubCommand;
  }
  if (GREETING.test(words)) return "greeting";
  if (THANKS.test(words) && /\b(thanks|thank|thx|thnx|ty|tysm|cheers|ta|appreciated)\b/.test(words))
    return "thanks";
  return "question";
}
