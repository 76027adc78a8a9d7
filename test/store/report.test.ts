import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createCatalog } from "../../src/catalog/load.js";
import { answeredRows } from "../../src/store/conversation.js";
import { openDatabase, sqliteSql } from "../../src/store/database.js";
import { createPool, migratePostgres, postgresSql } from "../../src/store/postgres.js";
import { buildReport, parseDuration, renderReport } from "../../src/store/report.js";
import type { Sql } from "../../src/store/sql.js";
import { renderSuggestions, suggestCardChanges } from "../../src/store/suggest.js";
import { describePg, freshDatabase } from "../helpers/postgres.js";
import { makeScenario } from "../helpers/scenarios.js";

const IDS = ["b2b", "b2e", "mobile-api", "spa-api", "web-saml"];
const T0 = Date.UTC(2026, 10, 1);
const HOUR = 60 * 60 * 1000;

/**
 * A fixed history, written through the statements both engines share: answers (id, hours after
 * T0, workspace, surface, question, answer) and feedback.
 */
async function fixture(sql: Sql): Promise<Sql> {
  const answers: Array<[string, number, string | null, string, string, string | null]> = [
    ["a1", 1, "T1", "command", "flutter app calling our api", "mobile-api"],
    ["a2", 2, "T1", "command", "react spa with api", "spa-api"],
    ["a3", 3, "T1", "mention", "ionic app login", "spa-api"],
    ["a4", 4, "T1", "dm", "capacitor app login", "spa-api"],
    ["a5", 5, "T2", "dm", "tacos?", null],
    ["a6", 6, "T2", "dm", "tacos?", null],
    ["a7", 7, null, "cli", "weather", null],
    ["a8", 8, "T2", "command", "okta for staff", "b2e"],
    // Sorts after "weather" byte by byte, before it in most locales: the report uses bytes.
    ["a9", 9, "T2", "dm", "éclair?", null],
    ["old", -100, "T1", "command", "before the period", "web-saml"],
  ];
  for (const [id, hours, workspace, surface, question, scenario] of answers) {
    await sql.run(
      `INSERT INTO answers (id, created_at, workspace_id, surface, question, scenario_id, score)
       VALUES (?, ?, ?, ?, ?, ?, 0.3)`,
      [id, T0 + hours * HOUR, workspace, surface, question, scenario],
    );
  }
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
  for (const [answer, kind, scenario] of feedback) {
    await sql.run(
      "INSERT INTO feedback (answer_id, created_at, kind, scenario_id) VALUES (?, ?, ?, ?)",
      [answer, T0 + 10 * HOUR, kind, scenario],
    );
  }
  return sql;
}

interface Engine {
  name: string;
  /** An empty, migrated database. */
  open(): Promise<Sql>;
}

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

const SQLITE: Engine = { name: "SQLite", open: async () => sqliteSql(openDatabase(":memory:")) };
const POSTGRES: Engine = {
  name: "PostgreSQL",
  async open() {
    // An ICU locale's collation, where "é" sorts with "e": the report must still sort by bytes.
    const { url } = await freshDatabase({ icu: "en-US" });
    const pool = createPool(url);
    pools.push(pool);
    await migratePostgres(pool);
    return postgresSql(pool);
  },
};

const card = (id: string, keywords: string[]) =>
  makeScenario(id, { keywords, examples: ["flutter app calling our api"] });
const catalog = createCatalog([
  card("mobile-api", ["mobile", "flutter"]),
  card("spa-api", ["react"]),
]);

function reportSuite(engine: Engine) {
  describe(`buildReport on ${engine.name}`, () => {
    it("summarises a fixture history exactly", async () => {
      const sql = await fixture(await engine.open());
      const report = await buildReport(sql, { since: new Date(T0), scenarioIds: IDS });
      expect(report).toEqual({
        since: "2026-11-01T00:00:00.000Z",
        answered: 9,
        bySurface: { command: 3, mention: 1, dm: 4, cli: 1, guide: 0, assistant: 0, shortcut: 0 },
        noMatch: 4,
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
          { question: "éclair?", count: 1 },
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
        "9 questions answered (command 3, mention 1, dm 4, cli 1, guide 0, assistant 0, shortcut 0), 4 with no match.",
      );
      expect(text).toContain("Helpful: 40% (2 helpful, 3 not quite).");
      expect(text).toContain("2× tacos?");
      expect(text).toContain("spa-api 2×; picked instead: mobile-api 2×");
      expect(text).toContain("Never chosen: b2b, web-saml.");
    });

    it("limits the report to one workspace", async () => {
      const sql = await fixture(await engine.open());
      const since = new Date(T0);
      const report = await buildReport(sql, { since, scenarioIds: IDS, workspaceId: "T2" });
      expect(report).toEqual({
        since: "2026-11-01T00:00:00.000Z",
        workspaceId: "T2",
        answered: 4,
        bySurface: { command: 1, mention: 0, dm: 3, cli: 0, guide: 0, assistant: 0, shortcut: 0 },
        noMatch: 3,
        helpful: {
          helpful: 0,
          notQuite: 1,
          rate: 0,
          byScenario: [{ scenarioId: "b2e", helpful: 0, notQuite: 1, rate: 0 }],
        },
        unanswered: [
          { question: "tacos?", count: 2 },
          { question: "éclair?", count: 1 },
        ],
        notQuite: [{ scenarioId: "b2e", count: 1, pickedInstead: [], noneOfThese: 1 }],
        neverChosen: ["b2b", "mobile-api", "spa-api", "web-saml"],
      });
      expect(renderReport(report)).toMatch(/^Since 2026-11-01 in workspace T2: 4 questions/);
      const none = await buildReport(sql, { since, scenarioIds: IDS, workspaceId: "T9" });
      expect(none).toMatchObject({ answered: 0, unanswered: [], neverChosen: IDS });
    });

    it("is empty but well-formed for an empty database", async () => {
      const report = await buildReport(await engine.open(), {
        since: new Date(T0),
        scenarioIds: IDS,
      });
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

  describe(`suggestCardChanges on ${engine.name}`, () => {
    it("proposes the questions people picked a card for, and their new words", async () => {
      const sql = await fixture(await engine.open());
      const suggestions = await suggestCardChanges(sql, catalog, { since: new Date(T0) });
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
      const since = new Date(T0);
      expect(await suggestCardChanges(sql, catalog, { since, workspaceId: "T2" })).toEqual([]);
    });
  });
}

reportSuite(SQLITE);
describePg("on PostgreSQL", () => reportSuite(POSTGRES));

describePg("one history on both engines", () => {
  it("gives the identical report, short report, suggestions and conversation rows", async () => {
    const [lite, postgres] = await Promise.all([SQLITE.open(), POSTGRES.open()]);
    const outputs = await Promise.all(
      [lite, postgres].map(async (sql) => {
        await fixture(sql);
        const since = new Date(T0 - 200 * HOUR);
        const report = await buildReport(sql, { since, scenarioIds: IDS });
        const t1 = await buildReport(sql, { since, scenarioIds: IDS, workspaceId: "T1" });
        const suggestions = await suggestCardChanges(sql, catalog, { since });
        const answered = await answeredRows(sql, since);
        const short = renderReport(report, { short: true });
        return JSON.stringify([report, short, t1, suggestions, answered]);
      }),
    );
    expect(outputs[1]).toBe(outputs[0]);
  });
});

describe("renderSuggestions", () => {
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
