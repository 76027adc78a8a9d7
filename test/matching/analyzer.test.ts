import { describe, expect, it } from "vitest";
import { contentWords, PhraseSet, stem } from "../../src/matching/analyzer.js";

describe("contentWords", () => {
  it("drops stopwords and chat filler", () => {
    expect(contentWords("hey can someone help: how should our spa call the api")).toEqual([
      "spa",
      "call",
      "api",
    ]);
  });

  it("joins phrasal verbs whose particle is a stopword", () => {
    expect(contentWords("users sign up, sign in with sso, log in or set up mfa")).toEqual([
      "users",
      "signup",
      "signin",
      "sso",
      "login",
      "setup",
      "mfa",
    ]);
    expect(contentWords("sign-on and log-out")).toEqual(["signon", "logout"]);
  });

  it("skips runs of letters too long to be words", () => {
    expect(contentWords(`api ${"x".repeat(41)} spa`)).toEqual(["api", "spa"]);
  });
});

describe("PhraseSet", () => {
  it("finds known phrases of two to four stems, with where they stand", () => {
    const phrases = new PhraseSet();
    phrases.add(["activ", "directori"]);
    phrases.add(["singl", "page", "app"]);
    phrases.add(["solo"]); // one word: not a phrase
    const stems = contentWords("single page app with active directory solo").map(stem);
    expect(phrases.find(stems)).toEqual([
      { key: "singl page app", start: 0, end: 3 },
      { key: "activ directori", start: 3, end: 5 },
    ]);
  });
});
