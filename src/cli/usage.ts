/** The command line's usage texts. */

export const USAGE = `Usage: scenario-bot <command> [options]

Commands:
  ask [--json] [--long] "question"   Recommend the architecture scenario for a question.
                            With no question and piped input: one question per line.
  eval FILE [--json]        Score the recommender on a JSONL file of {"text", "expected"}.
  list [--json]             List the scenario catalog.
  check [DIR]               Validate a scenarios directory and report every problem.
  guide [--app A] [--audience B] [--json]
                            Two questions (what kind of app, who signs in) instead of
                            a description; asked here, or answered at once with the flags.
  report [--since 30d] [--workspace T…] [--json]
                            What people asked and how the answers were received.
  suggest [--since 30d] [--workspace T…]
                            Propose keywords and examples for cards, as YAML to review.
  playground [--port 3100] [--host 127.0.0.1] [--since 30d] [--record]
                            A local page: answers as Slack shows them, the cards, the report.

Options:
  -h, --help                Show help for a command.
  -v, -V, --version         Print the version.

Environment: SCENARIOS_DIR (cards directory), DOCS_BASE_URL (default https://auth0.com/docs).`;

export const HELP = {
  ask: `Usage: scenario-bot ask [--json] [--record] [--long] "question"
       some-command | scenario-bot ask [--json] [--record] [--long]

Prints the scenario that fits the question, why, its docs link and alternatives, or says
that nothing fits. As in Slack, "help", "list", "stats", greetings and thanks are answered as such.
--json prints one object:
  {"query", "kind", "match": null | {"id", "title", "url", "score"}, "alternatives": [...],
   "confidence", "ambiguous", "why", "also": null | {"id", "title", "url"}, "clarify": null | {...}}
where kind is "answer", or "help", "list", "stats", "guide", "greeting" or "thanks" (no match;
"list" adds "scenarios": [{"id", "title", "url"}]);
also is a card on the other axis that fits too; clarify is the one question that would settle
a best guess: {"axis", "question", "options": [{"value", "label", "id"}]}.
With no question argument and stdin not a terminal, answers one question per input line.
--record stores each question and answer in DATABASE_PATH (or DATABASE_URL), as the Slack
app does; when a record cannot be written before exit, it says so and exits 3.
--long also prints the card's body in full (when it fits, the flow in steps, how it differs);
with --json, the match carries it as "body": [{"heading", "text"}, ...].`,
  eval: `Usage: scenario-bot eval FILE [--json]

Scores the recommender on a JSONL file whose lines are {"text": "...", "expected": ["id", ...]}
(an empty "expected" means no scenario fits). Prints top-1 accuracy, top-3 recall, rejection
rate, false no-match rate and the misses; --json prints them as one object.`,
  guide: `Usage: scenario-bot guide [--app VALUE] [--audience VALUE] [--json]

Finds the scenario from two answers instead of a description: what kind of app signs people in,
and who signs in. With neither option, asks both here as numbered choices (Enter skips one; at
least one is needed). With either option, answers at once without asking:
  --app       web, saml, spa, native (mobile), service (m2m, machine)
  --audience  employees (b2e, workforce), business (b2b), both (b2b-b2e), public (b2c, consumers)
Only values some card holds are accepted. Prints the scenario, and with both answers the
audience scenario as "Also applies". --json prints one object:
  {"kind": "guide", "choice": {"app", "audience"}, "match": {"id", "title", "url"}, "also": null | {...}}`,
  list: `Usage: scenario-bot list [--json]

Lists the scenarios; --json prints [{"id", "title", "summary", "status", "url"}, ...].`,
  check: `Usage: scenario-bot check [DIR]

Validates every card in DIR (default: SCENARIOS_DIR, else the bundled scenarios/) and reports
every problem at once. Exits 1 when there is any.`,
  report: `Usage: scenario-bot report [--since 30d] [--workspace T…] [--json]

From the recorded questions (DATABASE_PATH, or PostgreSQL at DATABASE_URL): questions answered
per surface, helpful rate overall and per scenario, the most frequent questions with no match,
answers marked "Not quite" with what people picked instead, scenarios never chosen, how often
each clarifying question was asked and what people answered, and what the guided chooser led
to. --since takes 12h, 30d or 2w; --workspace limits it to one Slack workspace's questions.`,
  suggest: `Usage: scenario-bot suggest [--since 30d] [--workspace T…]

Proposes example questions and keywords for each card from the alternatives people picked,
printed as YAML to review and paste into the card's front matter. Nothing is applied.
--workspace limits it to one Slack workspace's questions.`,
  playground: `Usage: scenario-bot playground [--port 3100] [--host 127.0.0.1] [--since 30d] [--record]

Serves a local page (no Slack needed) until Ctrl-C: Ask shows the Block Kit message the Slack
app sends for a question on each surface (slash command, mention, DM, assistant panel), with
working buttons, the guided chooser and the Home tab; Cards shows every card of SCENARIOS_DIR,
what \`check\` finds in them and which card each example question gets, updated as files
change; Report draws the review report of the recorded questions as charts (--since as in
report). Prints its URL as the last line. It listens on 127.0.0.1 unless --host names another
address. --record records what is asked here in DATABASE_PATH (or DATABASE_URL).`,
};
