import { describe, expect, it } from "vitest";
import {
  QUESTION_MAX_CHARS,
  questionFromPlainText,
  questionFromSlack,
  RAW_MAX_CHARS,
} from "../../src/answer/question.js";

describe("questionFromSlack", () => {
  it("keeps the raw text, and reads plain text with case kept", () => {
    const raw =
      "<@U1|ann> <!here> Our <https://x.example/spa|React SPA> &amp; <#C1|dev> :wave: calls an API";
    expect(questionFromSlack(raw)).toEqual({
      raw,
      text: "Our React SPA & calls an API",
      cut: false,
    });
  });

  it("keeps what the user typed as text: an escaped mention stays text", () => {
    expect(questionFromSlack("&lt;!channel&gt; SPA").text).toBe("<!channel> SPA");
  });

  it("drops control characters and repairs lone surrogates", () => {
    expect(questionFromSlack("mobile\u0000app \u200bapi \ud800").text).toBe(
      "mobile app api \ufffd",
    );
  });

  it("cuts a very long question, on a code-point boundary, and says so", () => {
    const question = questionFromSlack(`${"a".repeat(QUESTION_MAX_CHARS - 1)}😀 more`);
    expect(question.cut).toBe(true);
    expect(question.text).toBe("a".repeat(QUESTION_MAX_CHARS - 1));
  });
});

describe("text past Slack's own limit (RAW_MAX_CHARS)", () => {
  it.each([
    ["Slack", questionFromSlack],
    ["plain", (raw: string) => questionFromPlainText(raw)],
  ])("%s text is cut before it is read, and the question says so", (_what, read) => {
    // Mostly mentions: little plain text is left, but what came after the limit is gone.
    const sent = `${"<@U0123456> ".repeat(RAW_MAX_CHARS / 10)}mobile app calling our API`;
    const question = read(sent);
    expect(question.raw).toBe(sent.slice(0, RAW_MAX_CHARS));
    expect(question.text).not.toContain("mobile");
    expect(question.cut).toBe(true);
  });

  it("a line the caller already cut is cut", () => {
    expect(questionFromPlainText("short", true)).toMatchObject({ text: "short", cut: true });
  });
});

describe("questionFromPlainText", () => {
  it("reads no Slack markup: what was typed is what was asked", () => {
    // Line breaks stay: they tell the question from what was pasted under it.
    expect(questionFromPlainText("  B2B &amp;  <SSO>\n for :partners: ").text).toBe(
      "B2B &amp; <SSO>\nfor :partners:",
    );
  });
});
