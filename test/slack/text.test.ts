import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUTTON_VALUE_MAX, decodeButtonValue, encodeButtonValue } from "../../src/slack/buttons.js";
import { classify } from "../../src/slack/intent.js";
import { escapeMrkdwn, mrkdwn, plain, readableSlackText } from "../../src/slack/mrkdwn.js";

describe("escapeMrkdwn and mrkdwn", () => {
  it("escapes &, < and >", () => {
    expect(escapeMrkdwn("<!here> & <@U1>")).toBe("&lt;!here&gt; &amp; &lt;@U1&gt;");
  });

  it("leaves no markup and never splits an entity or a code point, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.nat(400), (text, max) => {
        const out = mrkdwn(text, max + 1);
        expect(out.length).toBeLessThanOrEqual(max + 1);
        expect(out).not.toMatch(/[<>]/);
        // Every & starts an entity we wrote.
        expect(out.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
        // A cut ends with "…" after whole code points of the escaped text.
        const body = out.endsWith("…") && out !== escapeMrkdwn(text) ? out.slice(0, -1) : out;
        expect(escapeMrkdwn(text).startsWith(body)).toBe(true);
      }),
    );
  });

  it("plain cuts on code points", () => {
    expect(plain("😀😀😀", 4)).toBe("😀…");
    expect(plain("short", 75)).toBe("short");
  });
});

describe("readableSlackText", () => {
  it("renders Slack markup the way people read it", () => {
    expect(
      readableSlackText(
        "<@U1> <@U2|bob> <!here> <!subteam^S1|@devs> <!subteam^S2> <#C1|general> <https://x.y|docs> <https://z> &lt;a&gt; &amp;",
      ),
    ).toBe("@U1 @bob @here @devs @subteam #general docs https://z <a> &");
  });
});

describe("button values", () => {
  it("round-trip, and stay within Slack's limit however long the question", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 6000 }), (question) => {
        const value = encodeButtonValue({ scenarioId: "spa-api", question });
        expect(value).toBeDefined();
        expect(value?.length).toBeLessThanOrEqual(BUTTON_VALUE_MAX);
        const decoded = decodeButtonValue(value);
        expect(decoded?.scenarioId).toBe("spa-api");
        expect(question.startsWith(decoded?.question ?? "x")).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("reject what is not ours", () => {
    expect(decodeButtonValue("not json")).toBeNull();
    expect(decodeButtonValue('{"s":""}')).toBeNull();
    expect(decodeButtonValue(undefined)).toBeNull();
  });
});

describe("classify", () => {
  it.each([
    ["", "help"],
    ["  ", "help"],
    ["help", "help"],
    ["HELP!", "help"],
    ["list", "list"],
    ["hi", "greeting"],
    ["Hello there!", "greeting"],
    ["hey <@U1>", "greeting"],
    ["good morning", "greeting"],
    [":wave:", "greeting"],
    ["hi, how should my SPA call my API?", "ask"],
    ["list the flows for mobile apps", "ask"],
    ["help me pick a flow for a cron job", "ask"],
  ])("%j is %s", (text, intent) => {
    expect(classify(text)).toBe(intent);
  });
});
