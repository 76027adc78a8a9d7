import { describe, expect, it } from "vitest";
import {
  buildConversationReport,
  renderConversationReport,
} from "../../src/answer/conversation-report.js";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { Recommender } from "../../src/matching/recommender.js";
import { answeredRows } from "../../src/store/conversation.js";
import { openDatabase, sqliteSql } from "../../src/store/database.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const services = { catalog, recommender: new Recommender(catalog) };
const T0 = Date.UTC(2026, 10, 1);

/** Answers (id, surface, question, answer, alternatives) and the picks made on them. */
function history() {
  const db = openDatabase(":memory:");
  const answers: Array<[string, string, string, string | null, string[]]> = [
    ["a1", "dm", "sign-in for our team and our clients", "b2b-b2e", []],
    ["a2", "command", "sign-in for our team and our clients", "b2b-b2e", []],
    ["a3", "assistant", "an app that calls our api", "spa-api", []],
    ["a4", "command", "ios app for consumers", "mobile-api", []],
    ["a5", "guide", "", "spa-api", ["b2b"]],
    ["a6", "guide", "", "spa-api", ["b2b"]],
    ["a7", "guide", "", "b2c", []],
    ["a8", "dm", "ios app for consumers", "web-saml", []],
    ["a9", "dm", "tacos?", null, []],
  ];
  const insert = db.prepare(
    "INSERT INTO answers (id, created_at, surface, question, scenario_id, score, alternatives) VALUES (?, ?, ?, ?, ?, 0.3, ?)",
  );
  for (const [id, surface, question, scenario, alternatives] of answers) {
    insert.run(id, T0 + 1000, surface, question, scenario, JSON.stringify(alternatives));
  }
  const picks: Array<[string, string]> = [
    ["a1", "b2e"],
    ["a3", "server-api"],
    ["a3", "mobile-api"],
    ["a4", "b2c"],
    ["a5", "spa-api"],
  ];
  const add = db.prepare(
    "INSERT INTO feedback (answer_id, created_at, kind, scenario_id) VALUES (?, ?, 'picked', ?)",
  );
  for (const [answer, scenario] of picks) add.run(answer, T0 + 2000, scenario);
  return db;
}

describe("the report on clarifying questions and the guided chooser", () => {
  it("counts each question asked, answered, and what was chosen; guided answers by cards", async () => {
    const answered = await answeredRows(sqliteSql(history()), new Date(T0));
    const report = buildConversationReport(answered, services);
    expect(report).toEqual({
      clarifying: [
        {
          axis: "audience",
          question: "Who signs in?",
          asked: 2,
          answered: 1,
          chose: [{ scenarioId: "b2e", label: "Your employees", count: 1 }],
        },
        {
          axis: "app",
          question: "What kind of app?",
          asked: 1,
          answered: 1,
          chose: [{ scenarioId: "mobile-api", label: "Native or mobile app", count: 1 }],
        },
      ],
      notRederived: 1,
      guided: {
        answers: 3,
        chose: [
          { scenarioId: "spa-api", also: "b2b", count: 2 },
          { scenarioId: "b2c", also: null, count: 1 },
        ],
      },
    });
    expect(renderConversationReport(report)).toBe(
      [
        "Clarifying questions (asked on best guesses):",
        "  Who signs in? asked 2×, answered 1×: Your employees (b2e) 1×",
        "  What kind of app? asked 1×, answered 1×: Native or mobile app (mobile-api) 1×",
        "  (1 older answers left out: the cards or matcher changed since)",
        "Guided chooser: 3 answers: spa-api + b2b 2×, b2c 1×.",
      ].join("\n"),
    );
  });

  it("says so when nothing was asked", () => {
    const report = buildConversationReport([], services);
    expect(renderConversationReport(report)).toBe(
      "Clarifying questions (asked on best guesses):\n  none asked\nGuided chooser: 0 answers.",
    );
  });
});
