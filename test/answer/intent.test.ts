import { describe, expect, it } from "vitest";
import { classify } from "../../src/answer/intent.js";
import { questionFromPlainText, questionFromSlack } from "../../src/answer/question.js";

describe("classify", () => {
  it.each([
    ["", "help"],
    ["  ", "help"],
    ["<@U1>", "help"],
    [":wave:", "help"],
    ["help", "help"],
    ["HELP!", "help"],
    ["list", "list"],
    ["Scenarios?", "list"],
    ["stats", "stats"],
    ["<@UBOT> stats", "stats"],
    ["hi", "greeting"],
    ["Hello there!", "greeting"],
    ["hey <@U1>", "greeting"],
    ["good morning", "greeting"],
    ["hi, how should my SPA call my API?", "question"],
    ["list the flows for mobile apps", "question"],
    ["help me pick a flow for a cron job", "question"],
    ["stats for our b2b app", "question"],
    ["guide", "guide"],
    ["Guide me!", "guide"],
    ["<@UBOT> find my scenario", "guide"],
    ["guide me through login for our SPA", "question"],
    ["thanks!", "thanks"],
    ["Thank you so much", "thanks"],
    ["<@UBOT> ty", "thanks"],
    ["ok thanks", "thanks"],
    ["cheers mate", "thanks"],
    ["thanks, and how do our staff log in?", "question"],
    ["ok", "question"],
  ])("Slack text %j is %s", (text, intent) => {
    expect(classify(questionFromSlack(text))).toBe(intent);
  });

  it("reads a long message as a question without folding it, whatever its words", () => {
    const long = `hello ${"our staff and our customers sign in to one portal ".repeat(5)}`;
    expect(long.length).toBeGreaterThan(200);
    expect(classify(questionFromSlack(long))).toBe("question");
    // Up to the limit, sub-commands and greetings with their punctuation are still themselves.
    expect(classify(questionFromSlack(`help${"!".repeat(190)}`))).toBe("help");
  });

  it("classifies plain text the same way", () => {
    expect(classify(questionFromPlainText("List"))).toBe("list");
    expect(classify(questionFromPlainText("hello"))).toBe("greeting");
  });
});
