import { describe, expect, it } from "vitest";
import type { DigestFigures, WeekFigures } from "../../src/digest/figures.js";
import { digestMessage } from "../../src/slack/blocks/digest.js";
import { LIMITS } from "../../src/slack/blocks/kit.js";
import { blockKitProblems } from "./helpers/block-kit.js";

const week = (overrides: Partial<WeekFigures> = {}): WeekFigures => ({
  answered: 10,
  unanswered: 2,
  bestGuess: 3,
  byScenario: [
    { scenarioId: "mobile-api", answers: 5, helpful: 3, notQuite: 1, rate: 0.75 },
    { scenarioId: "spa-api", answers: 3, helpful: 0, notQuite: 0, rate: null },
  ],
  unansweredQuestions: [
    { question: "<!channel> can we use sso for the wiki", count: 2 },
    { question: "x".repeat(3000), count: 1 },
  ],
  ...overrides,
});

const figures = (overrides: Partial<DigestFigures> = {}): DigestFigures => ({
  workspaceId: "T0000001",
  since: new Date("2026-11-23T09:00:00Z"),
  until: new Date("2026-11-30T09:00:00Z"),
  week: week(),
  before: week({ answered: 4, unanswered: 2, bestGuess: 0 }),
  suggestions: [{ scenarioId: "b2b", evidence: 3, examples: ["a", "b"], keywords: ["saml"] }],
  ...overrides,
});

const text = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);

describe("the digest's message", () => {
  it("shows the week against the week before, per scenario, and what suggest proposes", () => {
    const message = digestMessage(figures(), { showQuestions: true });
    expect(blockKitProblems(message.blocks, LIMITS.messageBlocks)).toEqual([]);
    const shown = text(message);
    expect(shown).toContain("*10 questions answered* (week before: 4)");
    expect(shown).toContain("No match: 20% (2), week before 50% (2)");
    expect(shown).toContain("Best guesses: 30% (3), week before 0% (0)");
    expect(shown).toContain("`mobile-api`: 5 answers, helpful 75% (3/4)");
    expect(shown).toContain("`spa-api`: 3 answers, helpful –");
    expect(shown).toContain("`b2b`: 2 example questions, 1 keywords (from 3 picks)");
    expect(shown).toContain("scenario-bot report --since 7d --workspace T0000001");
    // Questions are escaped: a mention someone typed is never live.
    expect(shown).toContain("can we use sso for the wiki");
    expect(shown).not.toContain("<!channel>");
  });

  it("never includes question text when question text is not recorded", () => {
    const shown = text(digestMessage(figures(), { showQuestions: false }));
    expect(shown).not.toContain("sso for the wiki");
    expect(shown).not.toContain("xxxx");
    expect(shown).not.toContain("Most frequent questions");
  });
});
