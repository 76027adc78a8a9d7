import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { cardFields, cardsDir, cardText } from "../helpers/cards.js";
import { cli, ROOT } from "./helpers.js";

// The command line in this process (run(argv, io), as the bin calls it); what only a real
// process shows is in bin.test.ts.

const ANSWER_KEYS = [
  "also",
  "alternatives",
  "ambiguous",
  "clarify",
  "confidence",
  "kind",
  "match",
  "query",
  "why",
];
const SCENARIO_KEYS = ["id", "score", "title", "url"];

describe("scenario-bot ask", () => {
  it("prints the answer as terminal text", async () => {
    const { code, stdout } = await cli(["ask", "mobile app calling an API"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Mobile .*\(mobile-api, score 0\.\d\d\)/);
    expect(stdout).toContain("Why: matched");
    expect(stdout).toContain(
      "Docs: https://auth0.com/docs/get-started/architecture-scenarios/mobile-api",
    );
    expect(stdout).toContain("Also consider:");
  });

  it("--json prints exactly one object with the documented shape", async () => {
    const { code, stdout, stderr } = await cli(["ask", "--json", "mobile app calling an API"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0] as string);
    expect(Object.keys(answer).sort()).toEqual(ANSWER_KEYS);
    expect(Object.keys(answer.match).sort()).toEqual(SCENARIO_KEYS);
    expect(answer.match).toMatchObject({
      id: "mobile-api",
      url: "https://auth0.com/docs/get-started/architecture-scenarios/mobile-api",
    });
    expect(answer.alternatives.length).toBeLessThanOrEqual(2);
    for (const alt of answer.alternatives) expect(Object.keys(alt).sort()).toEqual(SCENARIO_KEYS);
    expect(answer.confidence).toBe("high");
    expect(answer.ambiguous).toBe(false);
    // The why-line quotes the question as typed.
    expect(answer.why).toContain("API");
  });

  it("--json reports no match as null", async () => {
    const answer = JSON.parse((await cli(["ask", "--json", "anyone seen my stapler?"])).stdout);
    expect(answer).toMatchObject({ query: "anyone seen my stapler?", kind: "answer", match: null });
  });

  it("reads the question as plain text, not Slack markup", async () => {
    const answer = JSON.parse(
      (await cli(["ask", "--json", "B2B &amp; <SSO> for partners"])).stdout,
    );
    expect(answer.query).toBe("B2B &amp; <SSO> for partners");
  });

  it('"list" lists the scenarios, as in Slack', async () => {
    const { code, stdout } = await cli(["ask", "list"]);
    expect(code).toBe(0);
    expect(stdout).toBe((await cli(["list"])).stdout);
    expect(stdout).not.toContain("No scenario fits");
  });

  it('"help" shows the usage of ask', async () => {
    const { code, stdout } = await cli(["ask", "help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: scenario-bot ask");
  });

  it("a greeting is greeted, with examples", async () => {
    const { code, stdout } = await cli(["ask", "Hello there!"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Hi! /);
    expect(stdout).toContain('scenario-bot ask "');
  });

  it('"stats" points to the report when nothing is recorded', async () => {
    const { code, stdout } = await cli(["ask", "stats"]);
    expect(code).toBe(0);
    expect(stdout).toContain("scenario-bot report");
  });

  it("says plainly when nothing fits and lists the scenarios", async () => {
    const { code, stdout } = await cli(["ask", "anyone up for tacos?"]);
    expect(code).toBe(0);
    expect(stdout).toContain("No scenario fits");
    for (const id of ["web-app-sso", "b2b-b2e", "web-saml"]) expect(stdout).toContain(id);
    expect(stdout).toContain("scenario-bot guide");
    expect(stdout).not.toContain("Closest:");
  });

  it("a thanks gets a short reply, not the no-match answer", async () => {
    const { code, stdout } = await cli(["ask", "thanks!"]);
    expect(code).toBe(0);
    expect(stdout).toContain("You're welcome");
    expect(stdout).not.toContain("No scenario fits");
  });

  it("batch mode: one JSON object per input line, in order, nothing else on stdout", async () => {
    const input =
      "mobile app calling an API\nhi\n\nnightly cron job calls our api, no user\nlist\nthanks!\n";
    const { code, stdout } = await cli(["ask", "--json"], { input });
    expect(code).toBe(0);
    const answers = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.query, a.kind, a.match?.id ?? null])).toEqual([
      ["mobile app calling an API", "answer", "mobile-api"],
      ["hi", "greeting", null],
      ["", "help", null],
      ["nightly cron job calls our api, no user", "answer", "server-api"],
      ["list", "list", null],
      ["thanks!", "thanks", null],
    ]);
  });

  it("batch mode: only \\n ends a question; a bare \\r inside one does not split it", async () => {
    const input = "mobile app\rcalling our API\r\nlist\n";
    const answers = (await cli(["ask", "--json"], { input })).stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(answers.map((a) => [a.query, a.kind])).toEqual([
      ["mobile app\ncalling our API", "answer"],
      ["list", "list"],
    ]);
  });

  it("--json list carries the scenarios: id, title and docs URL", async () => {
    const { code, stdout } = await cli(["ask", "--json", "list"]);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply.kind).toBe("list");
    expect(reply.scenarios).toHaveLength(9);
    expect(reply.scenarios[0]).toEqual({
      id: "b2b",
      title: expect.any(String),
      url: expect.stringMatching(/^https:\/\/auth0\.com\/docs\//),
    });
  });

  it("says when a question was cut", async () => {
    const long = "mobile app calling our API ".repeat(2_000);
    expect((await cli(["ask", long])).stdout).toMatch(
      /^Only the first 8,000 characters of the question were read\.\nMobile /,
    );
    expect((await cli(["ask"], { input: `${long}\n` })).stdout).toMatch(/^Only the first 8,000/);
  });

  it("builds URLs from DOCS_BASE_URL", async () => {
    const answer = JSON.parse(
      (
        await cli(["ask", "--json", "flutter app calling our api"], {
          env: { DOCS_BASE_URL: "https://docs.example.com/auth0/" },
        })
      ).stdout,
    );
    expect(answer.match.url).toBe(
      "https://docs.example.com/auth0/get-started/architecture-scenarios/mobile-api",
    );
  });

  it("reads ./.env from its working folder; a variable already set wins", async () => {
    const cwd = cardsDir({});
    writeFileSync(
      path.join(cwd, ".env"),
      "DOCS_BASE_URL=https://docs.example.com/from-env-file\nSCENARIOS_DIR=\n",
    );
    const ask = ["ask", "--json", "flutter app calling our api"];
    const fromFile = JSON.parse((await cli(ask, { cwd })).stdout);
    expect(fromFile.match.url).toMatch(/^https:\/\/docs\.example\.com\/from-env-file\//);
    const env = { DOCS_BASE_URL: "https://docs.example.com/set/" };
    const set = JSON.parse((await cli(ask, { cwd, env })).stdout);
    expect(set.match.url).toMatch(/^https:\/\/docs\.example\.com\/set\//);
  });

  it("rejects a malformed DOCS_BASE_URL by name", async () => {
    const { code, stderr } = await cli(["ask", "x"], { env: { DOCS_BASE_URL: "not a url" } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DOCS_BASE_URL is malformed/);
  });

  it("reads cards from SCENARIOS_DIR", async () => {
    const dir = cardsDir({
      "kiosk.md": cardText(cardFields("kiosk", { keywords: ["kiosk terminal"] })),
    });
    const answer = JSON.parse(
      (await cli(["ask", "--json", "kiosk terminal"], { env: { SCENARIOS_DIR: dir } })).stdout,
    );
    expect(answer.match).toMatchObject({
      id: "kiosk",
      url: "https://auth0.com/docs/get-started/kiosk",
    });
  });

  it("stops with the file and field when a card is broken", async () => {
    const dir = cardsDir({ "a.md": cardText(cardFields("a", { status: "draft" })) });
    const { code, stdout, stderr } = await cli(["ask", "anything"], {
      env: { SCENARIOS_DIR: dir },
    });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/a\.md: status: /);
  });
});

describe("scenario-bot list", () => {
  it("--json lists the catalog", async () => {
    const rows = JSON.parse((await cli(["list", "--json"])).stdout);
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["id", "status", "summary", "title", "url"]);
      expect(row.url).toMatch(/^https:\/\/auth0\.com\/docs\//);
    }
  });

  it("prints a readable list", async () => {
    const { code, stdout } = await cli(["list"]);
    expect(code).toBe(0);
    expect(stdout).toContain("web-saml\n  Regular Web App using SAML");
    // Every linked page is a finished guide today: nothing is listed as under construction.
    expect(stdout).not.toContain("[under construction]");
  });
});

describe("scenario-bot ask --long", () => {
  it("prints the card's body in full after the answer, without its Sources", async () => {
    const short = (await cli(["ask", "react spa calling our api"])).stdout;
    const { code, stdout } = await cli(["ask", "--long", "react spa calling our api"]);
    expect(code).toBe(0);
    expect(short).not.toContain("How it works");
    expect(stdout.startsWith(short.trimEnd())).toBe(true);
    for (const heading of ["When it fits", "How it works", "How it differs from its neighbours"])
      expect(stdout).toContain(`${heading}\n${"-".repeat(heading.length)}\n`);
    expect(stdout).toContain("backend-for-frontend");
    expect(stdout).not.toContain("Sources");
  });

  it("with --json, gives the match its body section by section", async () => {
    const answer = JSON.parse(
      (await cli(["ask", "--json", "--long", "react spa calling our api"])).stdout,
    );
    expect(answer.match.body.map((s: { heading: string }) => s.heading)).toEqual([
      "When it fits",
      "How it works",
      "How it differs from its neighbours",
    ]);
    expect(answer.match.body[1].text).toMatch(/^1\. /);
    const plain = JSON.parse((await cli(["ask", "--json", "react spa calling our api"])).stdout);
    expect(plain.match.body).toBeUndefined();
  });
});

describe("scenario-bot check", () => {
  it("accepts the shipped cards", async () => {
    const { code, stdout } = await cli(["check"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: 9 scenarios in /);
  });

  it("prints no warning for the shipped cards", async () => {
    const { code, stderr } = await cli(["check"]);
    expect(code).toBe(0);
    expect(stderr).not.toContain("warning:");
  });

  it("warns, without failing, about a deprecated flow shown bare and a missing pick-over line", async () => {
    const dir = cardsDir({
      "a.md": cardText(
        cardFields("a", {
          flows: ["implicit"],
          flow_note: "Uses the implicit grant.",
          pick_over: "Pick this over b when the app is old.",
        }),
      ),
      "b.md": cardText(cardFields("b", { flow_note: "Do not use ROPC, it is deprecated." })),
    });
    const { code, stdout, stderr } = await cli(["check", dir]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: 2 scenarios in /);
    expect(stderr).toMatch(/warning: .*a\.md: flows: names the implicit grant without a warning/);
    expect(stderr).toMatch(
      /warning: .*a\.md: flow_note: names the implicit grant without a warning/,
    );
    expect(stderr).toMatch(/warning: .*b\.md: pick_over: is missing/);
    expect(stderr).not.toMatch(/b\.md: flow_note/);
    expect(stderr).not.toMatch(/a\.md: pick_over/);
  });

  it("reports every problem at once, then exits 1", async () => {
    const dir = cardsDir({
      "a.md": cardText(cardFields("a", { flows: ["password"], related: ["zzz"] })),
      "b.md": cardText(cardFields("b", { extra: 1 })),
    });
    const { code, stderr } = await cli(["check", dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/a\.md: flows\.0: /);
    expect(stderr).toMatch(/b\.md: extra: is not a known field/);
    expect(stderr).toMatch(/2 problems in /);
  });

  it("checks the axes: an unknown value by file and field, two cards in one place", async () => {
    const dir = cardsDir({
      "a.md": cardText(cardFields("a", { axes: { app: "spa" } })),
      "b.md": cardText(cardFields("b", { axes: { app: "spa" } })),
      "c.md": cardText(cardFields("c", { axes: { audience: "partners" } })),
    });
    const { code, stderr } = await cli(["check", dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/b\.md: axes: \{ app: spa \} is also claimed by .*a\.md \(a\)/);
    expect(stderr).toMatch(
      /c\.md: axes\.audience: must be one of employees, business, both, public/,
    );
  });
});

describe("scenario-bot eval", () => {
  it("scores a JSONL file", async () => {
    const file = path.join(
      cardsDir({
        "set.jsonl": [
          '{"text": "mobile app calling an API", "expected": ["mobile-api"]}',
          '{"text": "thanks!!", "expected": []}',
          '{"text": "cron job calling our api", "expected": ["spa-api", "mobile-api"]}',
        ].join("\n"),
      }),
      "set.jsonl",
    );
    const report = JSON.parse((await cli(["eval", file, "--json"])).stdout);
    expect(report).toMatchObject({
      total: 3,
      answerable: 2,
      unanswerable: 1,
      top1: 0.5,
      rejection: 1,
    });
    expect(report.misses).toHaveLength(1);
    expect(report.misses[0]).toMatchObject({
      got: "server-api",
      expected: ["spa-api", "mobile-api"],
    });
    const text = (await cli(["eval", file])).stdout;
    expect(text).toMatch(/top-1 accuracy\s+50\.0%/);
  });

  it.each([
    ["an empty file", "", "empty.jsonl:1: no cases"],
    ["blank lines only", "\n  \n", "empty.jsonl:1: no cases"],
    [
      "an unknown scenario id",
      '{"text": "x", "expected": []}\n\n{"text": "y", "expected": ["mobile-api", "mobil-api"]}',
      'empty.jsonl:3: "expected" names "mobil-api", which is no scenario id',
    ],
  ])("%s is a usage error naming the line", async (_what, content, message) => {
    const file = path.join(cardsDir({ "empty.jsonl": content }), "empty.jsonl");
    const { code, stdout, stderr } = await cli(["eval", file]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: scenario-bot eval FILE");
  });

  it("names the line of a malformed file", async () => {
    const file = path.join(
      cardsDir({ "bad.jsonl": '{"text": "x", "expected": []}\n{oops' }),
      "bad.jsonl",
    );
    const { code, stderr } = await cli(["eval", file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad\.jsonl:2: not valid JSON/);
  });
});

describe("answers that cover both sides, and a best guess's question", () => {
  const BOTH = "SaaS customers with their own Okta, React front end";

  it("leads with the better fit and names the other axis's card as also", async () => {
    const answer = JSON.parse((await cli(["ask", "--json", BOTH])).stdout);
    expect(answer.match.id).toBe("spa-api");
    expect(answer.also).toEqual({
      id: "b2b",
      title: "Business to Business (B2B SaaS)",
      url: "https://auth0.com/docs/get-started/architecture-scenarios/business-to-business",
    });
    const text = (await cli(["ask", BOTH])).stdout;
    expect(text).toMatch(/^Single-Page App \+ API/);
    expect(text).toContain(
      "Also applies: Business to Business (B2B SaaS) (b2b) — Your SaaS product",
    );
  });

  it("also is null when the question speaks to one axis", async () => {
    expect(
      JSON.parse((await cli(["ask", "--json", "ios app for consumers"])).stdout).also,
    ).toBeNull();
  });

  it("a best guess between audiences carries the one question that settles it", async () => {
    const answer = JSON.parse(
      (await cli(["ask", "--json", "sign-in for our team and our clients"])).stdout,
    );
    expect(answer.confidence).toBe("low");
    expect(answer.clarify).toEqual({
      axis: "audience",
      question: "Who signs in?",
      options: [
        { value: "employees", label: "Your employees", id: "b2e" },
        { value: "business", label: "Your business customers' people", id: "b2b" },
        { value: "both", label: "Both", id: "b2b-b2e" },
        { value: "public", label: "The public", id: "b2c" },
      ],
    });
    expect((await cli(["ask", "sign-in for our team and our clients"])).stdout).toContain(
      "  Your employees → b2e   (scenario-bot guide --audience employees)",
    );
  });
});

describe("scenario-bot guide", () => {
  const APPS = {
    web: "web-app-sso",
    saml: "web-saml",
    spa: "spa-api",
    native: "mobile-api",
    service: "server-api",
  };
  const AUDIENCES = { employees: "b2e", business: "b2b", both: "b2b-b2e", public: "b2c" };
  const combinations = [
    ...Object.entries(APPS).map(([app, id]) => [app, undefined, id, null] as const),
    ...Object.entries(AUDIENCES).map(([audience, id]) => [undefined, audience, id, null] as const),
    ...Object.entries(APPS).flatMap(([app, id]) =>
      Object.entries(AUDIENCES).map(([audience, also]) => [app, audience, id, also] as const),
    ),
  ];

  it.each(combinations)("--app %s --audience %s: %s, also %s", async (app, audience, id, also) => {
    const args = ["guide", "--json"];
    if (app) args.push("--app", app);
    if (audience) args.push("--audience", audience);
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const answer = JSON.parse(stdout);
    const choice = { ...(app && { app }), ...(audience && { audience }) };
    expect(answer).toMatchObject({ kind: "guide", match: { id } });
    expect(answer.choice).toEqual(choice);
    expect(answer.also?.id ?? null).toBe(also);
  });

  it("prints the pair as text, the audience card as Also applies", async () => {
    const { code, stdout } = await cli(["guide", "--app", "spa", "--audience", "b2b"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Single-Page App \+ API {2}\(spa-api\)\n/);
    expect(stdout).toContain("Your answers: Single-page app · Your business customers' people");
    expect(stdout).toContain("Also applies: Business to Business (B2B SaaS) (b2b)");
  });

  it("an unknown value is a usage error listing the valid ones", async () => {
    const { code, stdout, stderr } = await cli(["guide", "--app", "desktop"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      'guide: --app "desktop" is not one of: web (regular-web, server-side), saml, spa, native (mobile), service (m2m, machine)',
    );
  });

  it("asks both questions as numbered choices when no option is given", async () => {
    const { code, stdout, stderr } = await cli(["guide"], { input: "3\n2\n" });
    expect(code).toBe(0);
    expect(stderr).toContain("What kind of app?\n  1) Server-rendered web app\n");
    expect(stderr).toContain("Who signs in?\n  1) Your employees\n");
    expect(stdout).toMatch(/^Single-Page App \+ API/);
    expect(stdout).toContain("Also applies: Business to Business (B2B SaaS) (b2b)");
  });

  it("skips a question on Enter, asks again on a wrong answer, takes a value's name", async () => {
    const { code, stdout, stderr } = await cli(["guide"], { input: "\n9\npublic\n" });
    expect(code).toBe(0);
    expect(stderr).toContain('"9" is not one of the choices.');
    expect(stdout).toMatch(/^Business to Consumer/);
  });

  it("ends quietly on Ctrl-D at the first prompt", async () => {
    const { code, stdout, stderr } = await cli(["guide"], { input: "" });
    expect(code).toBe(0);
    expect(stdout).toBe("");
    expect(stderr).not.toContain("answer at least one");
    expect(stderr).not.toContain("Usage:");
  });

  it("needs at least one answer", async () => {
    const { code, stderr } = await cli(["guide"], { input: "\n\n" });
    expect(code).toBe(2);
    expect(stderr).toContain("guide: answer at least one of the questions");
  });

  it('"guide" as a question points to the command', async () => {
    const answer = JSON.parse((await cli(["ask", "--json", "guide"])).stdout);
    expect(answer).toMatchObject({ kind: "guide", match: null });
    expect((await cli(["ask", "guide"])).stdout).toContain(
      "scenario-bot guide --app spa --audience business",
    );
  });
});

describe("usage", () => {
  it.each([["frob"], ["ask", "--bogus", "x"], ["list", "extra"], []])(
    "%j exits 2 with usage",
    async (...args) => {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toContain("Usage: scenario-bot");
    },
  );

  it.each([
    ["ask", "--bogus", "x"],
    ["eval", "--since", "1d", "f.jsonl"],
    ["report", "--json=yes"],
    ["check", "a", "b"],
  ])(
    "a bad argument to %s shows that command's usage, not the list of commands",
    async (...args) => {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toContain(`Usage: scenario-bot ${args[0]} `);
      expect(stderr).not.toContain("Commands:");
    },
  );

  it.each(["--version", "-V"])("%s prints the version from package.json", async (flag) => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    const { code, stdout } = await cli([flag]);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });

  it.each(["ask", "eval", "list", "check", "guide", "report", "suggest"])(
    "%s --help",
    async (command) => {
      const { code, stdout } = await cli([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: scenario-bot ${command}`);
    },
  );

  it("--help lists the commands", async () => {
    expect((await cli(["--help"])).stdout).toMatch(/ask .*\n.*\n\s+eval .*\n\s+list .*\n\s+check /);
  });
});

describe("usage errors a new user meets", () => {
  it("eval of a missing file is a usage error naming the file", async () => {
    const { code, stderr } = await cli(["eval", "nope.jsonl"]);
    expect(code).toBe(2);
    expect(stderr).toContain("eval: cannot read nope.jsonl: no such file");
    expect(stderr).not.toContain("ENOENT");
    expect(stderr).toContain("Usage: scenario-bot eval");
  });

  it("an unknown short option says so plainly, quotes closed", async () => {
    const { code, stderr } = await cli(["ask", "-j", "hi"]);
    expect(code).toBe(2);
    const first = stderr.split("\n")[0] as string;
    expect(first).toContain('ask: unknown option "-j"');
    expect(first.split('"').length % 2).toBe(1);
    expect(first).not.toContain("as in '");
  });

  it("-v prints the version, as -V and --version do", async () => {
    const version = (await cli(["--version"])).stdout;
    expect(version).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(await cli(["-v"])).toEqual({ code: 0, stdout: version, stderr: "" });
    expect((await cli(["-V"])).stdout).toBe(version);
  });
});

describe("recorded questions", () => {
  const dbFile = () => path.join(cardsDir({}), "data", "records.db");

  it("ask --record stores answers that report and suggest read", async () => {
    const DATABASE_PATH = dbFile();
    const env = { DATABASE_PATH };
    expect(
      (
        await cli(["ask", "--record", "--json"], {
          env,
          input:
            "flutter app calling our api\nAnyone seen my stapler?\nanyone seen my stapler?\nhi\nhelp\nlist\n",
        })
      ).code,
    ).toBe(0);
    const report = JSON.parse((await cli(["report", "--json", "--since", "1d"], { env })).stdout);
    expect(report).toMatchObject({
      answered: 3,
      bySurface: { cli: 3 },
      noMatch: 2,
      unanswered: [{ question: "anyone seen my stapler?", count: 2 }],
    });
    expect((await cli(["report"], { env })).stdout).toContain("3 questions answered");
    expect(report.conversation).toEqual({
      clarifying: [],
      notRederived: 0,
      guided: { answers: 0, chose: [] },
    });
    // "stats" is the short report, as /scenario stats shows it, and is not a question.
    expect((await cli(["ask", "--record", "stats"], { env })).stdout).toMatch(
      /^Since .*: 3 questions answered \(command 0, mention 0, dm 0, cli 3, guide 0, assistant 0, shortcut 0\)/,
    );
    const suggest = await cli(["suggest"], { env });
    expect(suggest.code).toBe(0);
    expect(suggest.stdout).toMatch(/^# No suggestions/);
  });

  it("report shows how often a clarifying question was needed", async () => {
    const env = { DATABASE_PATH: dbFile() };
    await cli(["ask", "--record", "sign-in for our team and our clients"], { env });
    expect((await cli(["report"], { env })).stdout).toContain(
      "Clarifying questions (asked on best guesses):\n  Who signs in? asked 1×, answered 0×\n",
    );
  });

  it("ask --record exits 3, saying so, when a record cannot be written", async () => {
    // The database's folder cannot be made: its parent is a file.
    const dir = cardsDir({ "not-a-folder": "" });
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const blocker = path.join(dir, "not-a-folder");
    const env = { DATABASE_PATH: path.join(blocker, "records.db") };
    const { code, stdout, stderr } = await cli(["ask", "--record", "mobile app calling an API"], {
      env,
    });
    expect(stdout).toContain("mobile-api");
    expect(stderr).toMatch(/--record: 1 record was not written/);
    expect(code).toBe(3);
    // Without --record the same settings answer and exit 0.
    expect((await cli(["ask", "mobile app calling an API"], { env })).code).toBe(0);
  });

  it("RECORD_QUESTIONS=false turns --record off", async () => {
    const DATABASE_PATH = dbFile();
    const env = { DATABASE_PATH, RECORD_QUESTIONS: "false" };
    const { code, stderr } = await cli(["ask", "--record", "flutter app calling our api"], { env });
    expect(code).toBe(0);
    expect(stderr).toMatch(/nothing is recorded \(RECORD_QUESTIONS=false\)/);
    expect((await cli(["report"], { env: { DATABASE_PATH } })).stderr).toMatch(
      /no recorded questions/,
    );
  });

  it("report neither creates nor migrates a database of another version", async () => {
    const DATABASE_PATH = dbFile();
    await cli(["ask", "--record", "flutter app calling our api"], { env: { DATABASE_PATH } });
    const db = new Database(DATABASE_PATH);
    db.pragma("user_version = 99");
    db.close();
    const { code, stderr } = await cli(["report"], { env: { DATABASE_PATH } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/has schema version 99, this build reads version \d+/);
  });

  it("ask without --record stores nothing", async () => {
    const DATABASE_PATH = dbFile();
    await cli(["ask", "flutter app calling our api"], { env: { DATABASE_PATH } });
    const { code, stderr } = await cli(["report"], { env: { DATABASE_PATH } });
    expect(code).toBe(1);
    expect(stderr).toMatch(/no recorded questions at /);
  });

  it.each(["0d", "-5d", "99999y", "abc", "99999999999999999999d"])(
    "rejects --since %s as a usage error",
    async (since) => {
      const { code, stderr } = await cli(["report", `--since=${since}`], {
        env: { DATABASE_PATH: dbFile() },
      });
      expect(code).toBe(2);
      expect(stderr).toContain(`report --since: "${since}"`);
      expect(stderr).toContain("Usage: scenario-bot report");
    },
  );

  it("rejects a malformed --since", async () => {
    const { code, stderr } = await cli(["report", "--since", "lately"], {
      env: { DATABASE_PATH: dbFile() },
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--since: "lately" is not a duration/);
  });
});

describe("report and suggest --workspace", () => {
  it("limits them to one workspace, and refuses what is not a workspace id", async () => {
    const DATABASE_PATH = path.join(cardsDir({}), "records.db");
    await cli(["ask", "--record", "flutter app calling our api"], { env: { DATABASE_PATH } });
    const env = { DATABASE_PATH };
    // The command line's questions belong to no workspace.
    const report = JSON.parse(
      (await cli(["report", "--json", "--workspace", "T0123"], { env })).stdout,
    );
    expect(report).toMatchObject({ workspaceId: "T0123", answered: 0 });
    expect((await cli(["suggest", "--workspace", "T0123"], { env })).code).toBe(0);
    const bad = await cli(["report", "--workspace", "general"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--workspace: "general" is not a Slack workspace id');
  });
});
