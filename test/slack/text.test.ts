import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMrkdwn, mrkdwn, plain, visiblePart } from "../../src/slack/mrkdwn.js";

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
