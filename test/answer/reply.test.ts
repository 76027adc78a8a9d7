import { describe, expect, it } from "vitest";
import { questionFromSlack } from "../../src/answer/question.js";
import type { Asker } from "../../src/answer/record.js";
import { recordReply, replyTo, type Services } from "../../src/answer/reply.js";
import { createCatalog } from "../../src/catalog/load.js";
import type { Search } from "../../src/matching/types.js";
import type { Report, ReportOptions } from "../../src/store/report.js";
import { type AnswerRecord, DISABLED_RECORDER, type Recorder } from "../../src/store/types.js";
import { makeScenario } from "../helpers/scenarios.js";

const catalog = createCatalog([makeScenario("mobile-api"), makeScenario("spa-api")]);
const [mobile, spa] = catalog.scenarios as [
  (typeof catalog.scenarios)[0],
  (typeof catalog.scenarios)[0],
];

function services(overrides: Partial<Services> = {}) {
  const seen: string[] = [];
  const recorded: AnswerRecord[] = [];
  const report: Report = {
    since: "2026-01-01T00:00:00.000Z",
    answered: 7,
    bySurface: { command: 7, mention: 0, dm: 0, cli: 0, guide: 0, assistant: 0, shortcut: 0 },
    noMatch: 0,
    helpful: { helpful: 0, notQuite: 0, rate: null, byScenario: [] },
    unanswered: [],
    notQuite: [],
    neverChosen: [],
  };
  const reports: ReportOptions[] = [];
  const recorder: Recorder = {
    ...DISABLED_RECORDER,
    recordAnswer: (record) => recorded.push(record) > 0,
    report: async (options) => {
      reports.push(options);
      return report;
    },
  };
  const value: Services = {
    catalog,
    recommender: {
      // What the recommender finds; the answer policy answers mobile-api from it, surely.
      search(text: string): Search {
        seen.push(text);
        return {
          query: text,
          ranked: [
            { scenario: mobile, score: 0.8 },
            { scenario: spa, score: 0.3 },
          ],
          why: ["Mobile", "API"],
          offTopicOdds: 0,
          nameWords: 0,
        };
      },
    },
    docsBaseUrl: "https://auth0.com/docs",
    recorder,
    adminUserIds: ["UADMIN1"],
    ...overrides,
  };
  return { services: value, seen, recorded, reports };
}

const asker = (overrides: Partial<Asker> = {}): Asker => ({
  surface: "dm",
  workspaceId: "T1",
  userId: "U1",
  ...overrides,
});

describe("replyTo", () => {
  it("runs the recommender once, on the question's plain text, and returns the answer", async () => {
    const { services: a, seen } = services();
    const question = questionFromSlack("<@UBOT> Our <https://x|Flutter app> &amp; our API");
    const reply = await replyTo(a, question, asker());
    expect(seen).toEqual(["Our Flutter app & our API"]);
    expect(reply).toMatchObject({
      kind: "answer",
      answer: {
        question,
        match: { scenario: { id: "mobile-api" } },
        alternatives: [{ scenario: { id: "spa-api" } }],
        why: ["Mobile", "API"],
        confidence: "high",
        ambiguous: false,
      },
    });
    expect(reply.kind === "answer" && reply.answer.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers sub-commands and greetings without the recommender, and records none of them", async () => {
    const { services: a, seen, recorded } = services();
    for (const [text, kind] of [
      ["help", "help"],
      ["list", "list"],
      ["hi there", "greeting"],
      ["thanks!", "thanks"],
    ]) {
      const reply = await replyTo(a, questionFromSlack(text as string), asker());
      expect(reply.kind).toBe(kind);
      recordReply(a, reply);
    }
    expect(seen).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it("shows the stats to admins, on any surface, and says it is admins-only to others", async () => {
    const { services: a, reports } = services();
    const stats = questionFromSlack("stats");
    for (const surface of ["command", "mention", "dm"] as const) {
      const admin = await replyTo(a, stats, asker({ surface, userId: "UADMIN1" }));
      expect(admin.kind === "stats" && admin.report).toContain("7 questions answered");
      expect(await replyTo(a, stats, asker({ surface, userId: "U2" }))).toEqual({
        kind: "admins-only",
      });
    }
    const cli = asker({ surface: "cli", workspaceId: null, userId: null });
    expect((await replyTo(a, stats, cli)).kind).toBe("stats");
    // In Slack, the asker's workspace only; on the command line, every workspace.
    expect(reports.map((r) => r.workspaceId)).toEqual(["T1", "T1", "T1", undefined]);
  });

  it("records an answer with the same id, the folded question and no raw markup", async () => {
    const { services: a, recorded } = services();
    const reply = await replyTo(a, questionFromSlack("<@U9> Our Flutter APP"), asker());
    recordReply(a, reply);
    expect(recorded).toEqual([
      {
        id: reply.kind === "answer" ? reply.answer.id : "",
        surface: "dm",
        workspaceId: "T1",
        userId: "U1",
        question: "our flutter app",
        scenarioId: "mobile-api",
        score: 0.8,
        alternatives: ["spa-api"],
      },
    ]);
  });
});
