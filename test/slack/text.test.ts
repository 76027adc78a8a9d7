import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeMrkdwn,
  markdownLine,
  mrkdwn,
  plain,
  splitMrkdwn,
  visiblePart,
} from "../../src/slack/mrkdwn.js";

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

describe("visiblePart", () => {
  it("is what mrkdwn shows, unescaped, so that showing it again shows the same", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.nat(400), (text, max) => {
        const part = visiblePart(text, max + 1);
        expect(escapeMrkdwn(part)).toBe(mrkdwn(text, max + 1));
        expect(mrkdwn(part, max + 1)).toBe(mrkdwn(text, max + 1));
      }),
    );
  });
});

describe("markdownLine: a card's Markdown as Slack shows it", () => {
  it("turns bold, emphasis, items, headings and https links into mrkdwn", () => {
    expect(
      markdownLine("1. The SPA calls the API with **bearer** tokens, *never* the ID token."),
    ).toBe("1. The SPA calls the API with *bearer* tokens, _never_ the ID token.");
    expect(markdownLine("- **mobile-api**: a native app")).toBe("• *mobile-api*: a native app");
    expect(markdownLine("  * nested")).toBe("  • nested");
    expect(markdownLine("### Tokens")).toBe("*Tokens*");
    expect(markdownLine("see [RFC 9700](https://www.rfc-editor.org/rfc/rfc9700)")).toBe(
      "see <https://www.rfc-editor.org/rfc/rfc9700|RFC 9700>",
    );
  });

  it("keeps code spans, a lone star and snake_case as they are", () => {
    expect(markdownLine("send `Authorization: Bearer <token>` and `**x**`")).toBe(
      "send `Authorization: Bearer &lt;token&gt;` and `**x**`",
    );
    expect(markdownLine("2 * 3 = 6, user_metadata")).toBe("2 * 3 = 6, user_metadata");
  });

  it("escapes what a card says, so that no mention or broadcast is acted on", () => {
    expect(markdownLine("<!here> & [x](javascript:alert(1)) <@U1>")).toBe(
      "&lt;!here&gt; &amp; [x](javascript:alert(1)) &lt;@U1&gt;",
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        expect(markdownLine(line)).not.toMatch(/<[!@#]/);
      }),
    );
  });
});

describe("splitMrkdwn", () => {
  it("cuts between words, each piece within the limit, and loses nothing", () => {
    const text = escapeMrkdwn("Tokens & refresh tokens ".repeat(200));
    const pieces = splitMrkdwn(text, 500);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeLessThanOrEqual(500);
      expect(piece.endsWith(" ")).toBe(true);
    }
  });

  it("cuts again when the words after a cut leave the next cluster no room", () => {
    // Found by the property below (seed -527839224): the cut after "&gt;a " left "a" and the
    // 11-unit family emoji, 12 units, in one piece of at most 11.
    const text = escapeMrkdwn(">a a👩‍👩‍👧‍👦");
    const pieces = splitMrkdwn(text, 11);
    expect(pieces.join("")).toBe(text);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(11);
  });

  it("never splits an entity or a grapheme cluster, whatever the input", () => {
    const unit = fc.constantFrom("a", " ", "&", "<", ">", "é", "😀", "👩‍👩‍👧‍👦", "\n");
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 400 }),
        fc.integer({ min: 11, max: 300 }),
        (plainText, max) => {
          const text = escapeMrkdwn(plainText);
          const pieces = splitMrkdwn(text, max);
          expect(pieces.join("")).toBe(text);
          for (const piece of pieces) {
            expect(piece.length).toBeLessThanOrEqual(max);
            expect(piece.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
            expect(piece).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
            expect(piece).not.toMatch(/^\u200D|\u200D$/);
          }
        },
      ),
    );
  });
});
