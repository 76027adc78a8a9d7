/** Grapheme clusters stay whole wherever text is tidied or cut (answers, titles, the CLI). */
import { describe, expect, it } from "vitest";
import { mrkdwn, plain } from "../../src/slack/mrkdwn.js";
import { tidyText } from "../../src/text/plain.js";

const FAMILY = "👩‍👩‍👧‍👦"; // four people joined by U+200D: one character to a reader
const SCOTLAND = "🏴󠁧󠁢󠁳󠁣󠁴󠁿"; // a flag made of tag characters

describe("grapheme clusters", () => {
  it("tidying keeps emoji sequences joined", () => {
    expect(tidyText(`our ${FAMILY} app in ${SCOTLAND}`)).toBe(`our ${FAMILY} app in ${SCOTLAND}`);
    // Other invisible format characters still go.
    expect(tidyText("a\u200Bb\uFEFFc")).toBe("a b c");
  });

  it("cutting never splits one", () => {
    const text = `ab${FAMILY}cd`;
    // Room for "ab" and part of the family, not all of it: cut before it.
    expect(plain(text, 6)).toBe("ab…");
    expect(mrkdwn(text, 6)).toBe("ab…");
    expect(plain(text, 2 + FAMILY.length + 1)).toBe(`ab${FAMILY}…`);
    const accented = "cafe\u0301 au lait";
    expect(plain(accented, 5)).toBe("caf…"); // é (e and its accent) does not fit whole
    expect(plain(accented, 6)).toBe("cafe\u0301…");
  });
});
