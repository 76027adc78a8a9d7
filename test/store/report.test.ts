import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/load.js";
import { openDatabase } from "../../src/store/database.js";
import { buildReport, parseDuration, renderReport } from "../../src/store/report.js";
import { renderSuggestions, suggestCardChanges } from "../../src/store/suggest.js";
import { makeScenario } from "../helpers/scenarios.js";

const IDS = ["b2b", "b2e", "mobile-api", "spa-api", "web-saml"];
const T0 = Date.UTC(2026, 10, 1);
const HOUR = 60 * 60 * 1000;

/** A fixed history: answers (id, hours after T0, surface, question, answer) and feedback. */
function fixture() {
  const db = openDatabase(":memory:");
  const answers: Array<[string, number, string, string, string | null]> = [
    ["a1", 1, "command", "flutter app calling our api", "mobile-api"],
    ["a2", 2, "command", "react spa with api", "spa-api"],
    ["a3", 3, "mention", "ionic app login", "spa-api"],
    ["a4", 4, "dm", "capacitor app login", "spa-api"],
    ["a5", 5, "dm", "tacos?", null],
    ["a6", 6, "dm", "tacos?", null],
    ["a7", 7, "cli", "weather", null],
    ["a8", 8, "command", "okta for staff", "b2e"],
    ["old", -100, "command", "before the period", "web-saml"],
  ];
  const insert = db.prepare(
    "INSERT INTO answers (id, created_at, surface, question, scenario_id, confidence) VALUES (?, ?, ?, ?, ?, 0.3)",
  );
  for (const [id, hours, surface, question, scenario] of answers)
    insert.run(id, T0 + hours * HOUR, surface, question, scenario);
  const feedback: Array<[string, string, string | null]> = [
    ["a1", "helpful", null],
    ["a1", "helpful", null], // a second click on the same answer counts once
    ["a2", "helpful", null],
    ["a3", "not_quite", null],
    ["a3", "picked", "mobile-api"],
    ["a4", "not_quite", null],
    ["a4", "picked", "mobile-api"],
    ["a8", "not_quite", null],
    ["a8", "none_of_these", null],
    ["old", "picked", "web-saml"],
  ];
  const add = db.prepare(
    "INSERT INTO feedback (answer_id, created_at, kind, scenario_id) VALUES (?, ?, ?, ?)",
  );
  for (const [answer, kind, scenario] of feedback) add.run(answer, T0 + 10 * HOUR, kind, scenario);
  return db;
}

describe("buildReport", () => {
  it("summarises a fixture history exactly", () => {
    const db = fixture();
    const report = buildReport(db, { since: new Date(T0), scenarioIds: IDS });
    expect(report).toEqual({
      since: "2026-11-01T00:00:00.000Z",
      answered: 8,
      bySurface: { command: 3, mention: 1, dm: 3, cli: 1, guide: 0, assistant: 0 },
      noMatch: 3,
      helpful: {
        helpful: 2,
        notQuite: 3,
        rate: 0.4,
        byScenario: [
          { scenarioId: "b2e", helpful: 0, notQuite: 1, rate: 0 },
          { scenarioId: "mobile-api", helpful: 1, notQuite: 0, rate: 1 },
          { scenarioId: "spa-api", helpful: 1, notQuite: 2, rate: 1 / 3 },
        ],
      },
      unanswered: [
        { question: "tacos?", count: 2 },
        { question: "weather", count: 1 },
      ],
      notQuite: [
        {
          scenarioId: "spa-api",
          count: 2,
          pickedInstead: [{ scenarioId: "mobile-api", count: 2 }],
          noneOfThese: 0,
        },
        { scenarioId: "b2e", count: 1, pickedInstead: [], noneOfThese: 1 },
      ],
      neverChosen: ["b2b", "web-saml"],
    });
    const text = renderReport(report);
    expect(text).toContain(
      "8 questions answered (command 3, mention 1, dm 3, cli 1), 3 with no match.",
    );
    expect(text).toContain("Helpful: 40% (2 helpful, 3 not quite).");
    expect(text).toContain("2× tacos?");
    expect(text).toContain("spa-api 2×; picked instead: mobile-api 2×");
    expect(text).toContain("Never chosen: b2b, web-saml.");
  });

  it("is empty but well-formed for an empty database", () => {
    const report = buildReport(openDatabase(":memory:"), { since: new Date(T0), scenarioIds: IDS });
    expect(report).toMatchObject({
      answered: 0,
      noMatch: 0,
      unanswered: [],
      notQuite: [],
      neverChosen: IDS,
    });
    expect(report.helpful.rate).toBeNull();
  });
});

describe("suggestCardChanges", () => {
  const card = (id: string, keywords: string[]) =>
    makeScenario(id, { keywords, examples: ["flutter app calling our api"] });

  const catalog = createCatalog([
    card("mobile-api", ["mobile", "flutter"]),
    card("spa-api", ["react"]),
  ]);

  it("proposes the questions people picked a card for, and their new words", () => {
    const suggestions = suggestCardChanges(fixture(), catalog, { since: new Date(T0) });
    expect(suggestions).toEqual([
      {
        scenarioId: "mobile-api",
        evidence: 2,
        examples: ["capacitor app login", "ionic app login"],
        keywords: ["login"],
      },
    ]);
    const yaml = renderSuggestions(suggestions, catalog);
    expect(yaml).toContain(
      "# mobile-api (/cards/mobile-api.md): people chose this card for 2 questions.",
    );
    expect(yaml).toContain(
      "examples:\n  - capacitor app login\n  - ionic app login\nkeywords:\n  - login\n",
    );
  });

  it("says when there is nothing to suggest", () => {
    expect(renderSuggestions([], catalog)).toMatch(/No suggestions/);
  });
});

describe("parseDuration", () => {
  it.each([
    ["30d", 30 * 24 * HOUR],
    ["12h", 12 * HOUR],
    ["2w", 14 * 24 * HOUR],
  ])("%s", (text, ms) => expect(parseDuration(text)).toBe(ms));

  it("rejects other text", () => {
    expect(() => parseDuration("30 days")).toThrow(/not a duration/);
  });
});
