import { describe, expect, it } from "vitest";
import { SpellingCorrector } from "../../src/matching/spelling.js";

const vocabulary = new Map([
  ["mobile", 5],
  ["single", 3],
  ["authentication", 4],
  ["macos", 1],
  ["tenant", 2],
  ["tenants", 1],
]);
const speller = new SpellingCorrector(vocabulary);

describe("SpellingCorrector", () => {
  it.each([
    ["moble", "mobile"], // missing letter
    ["mobiile", "mobile"], // extra letter
    ["singel", "single"], // transposition
    ["authentcation", "authentication"],
    ["authentikation", "authentication"],
    ["mobile", "mobile"], // already known
  ])("%s → %s", (typo, fixed) => {
    expect(speller.correct(typo)).toBe(fixed);
  });

  it.each([
    ["tacos"], // one edit from "macos", but the first letter differs
    ["mob"], // too short to correct
    ["m0bile"], // has a digit
    ["banana"], // nothing close
  ])("leaves %s alone", (word) => {
    expect(speller.correct(word)).toBeUndefined();
  });

  it("breaks distance ties by frequency, then alphabetically", () => {
    // "tenantz" is one edit from both "tenant" (deletion) and "tenants" (substitution).
    expect(speller.correct("tenantz")).toBe("tenant");
    const even = new SpellingCorrector(
      new Map([
        ["cart", 1],
        ["card", 1],
      ]),
      { minWordLength: 4 },
    );
    expect(even.correct("carx")).toBe("card");
  });
});
