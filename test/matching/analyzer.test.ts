import { describe, expect, it } from "vitest";
import { analyze, contentStems, describingText, PhraseSet } from "../../src/matching/analyzer.js";

const words = (text: string) =>
  analyze(text)
    .filter((t) => !t.stop)
    .map((t) => t.word);

describe("analyze", () => {
  it("drops stopwords and chat filler from the terms, but keeps them in the stream", () => {
    expect(words("hey can someone help: how should our spa call the api")).toEqual([
      "spa",
      "call",
      "api",
    ]);
    const tokens = analyze("machine to machine");
    expect(tokens.map((t) => [t.word, t.stop])).toEqual([
      ["machine", false],
      ["to", true],
      ["machine", false],
    ]);
  });

  it("joins phrasal verbs whose particle is a stopword", () => {
    expect(words("users sign up, sign in with sso, log in or set up mfa")).toEqual([
      "users",
      "signup",
      "signin",
      "sso",
      "login",
      "setup",
      "mfa",
    ]);
    expect(words("sign-on and log-out")).toEqual(["signon", "logout"]);
  });

  it("keeps each word as the user wrote it, and folds case and accents for matching", () => {
    const [token] = analyze("Authentification");
    expect(token).toMatchObject({ word: "authentification", surface: "Authentification" });
    expect(analyze("Café SSO").map((t) => [t.word, t.surface])).toEqual([
      ["cafe", "Café"],
      ["sso", "SSO"],
    ]);
  });

  it("numbers sentences, so that phrases cannot cross them", () => {
    const tokens = analyze("We sell to businesses. Employees use it too!\nAnd partners");
    const sentence = (word: string) => tokens.find((t) => t.word === word)?.sentence;
    expect(sentence("sell")).toBe(sentence("businesses"));
    expect(sentence("employees")).toBeGreaterThan(sentence("businesses") as number);
    expect(sentence("partners")).toBeGreaterThan(sentence("employees") as number);
    // A dot inside a name is not a sentence end.
    expect(new Set(analyze("node.js and asp.net core apps").map((t) => t.sentence))).toEqual(
      new Set([0]),
    );
  });

  it("marks the ask: the first sentence, and any sentence that ends in a question mark", () => {
    const tokens = analyze(
      "SSO for our portal\nWe run Rails. Which flow fits?? Logs below; it fails at the callback.",
    );
    const asked = (ask: boolean) => tokens.filter((t) => t.ask === ask).map((t) => t.word);
    expect(asked(true)).toEqual(["sso", "for", "our", "portal", "which", "flow", "fits"]);
    expect(asked(false)).toEqual([
      "we",
      "run",
      "rails",
      "logs",
      "below",
      "it",
      "fails",
      "at",
      "the",
      "callback",
    ]);
    // One sentence is all ask.
    expect(analyze("mobile app calling an API").every((t) => t.ask)).toBe(true);
  });

  it("skips runs of letters too long to be words", () => {
    expect(words(`api ${"x".repeat(41)} spa`)).toEqual(["api", "spa"]);
  });

  it("stems content words", () => {
    expect(contentStems("employees authenticating")).toEqual(["employe", "authent"]);
  });
});

describe("describingText", () => {
  it("sets aside pasted code, quotes, stack traces and logs", () => {
    const message = [
      "Our react spa calls our api and we get this:",
      "```",
      "TypeError: Cannot read properties of undefined (reading 'token')",
      "    at Object.handler (/app/src/index.js:10:5)",
      "```",
      "> quoted text from the thread about billing",
      "    at Module._compile (node:internal/modules/cjs/loader:1256:14)",
      '{"level":"error","msg":"invoice failed"}',
      "2026-11-25T10:00:00Z ERROR invoice service unavailable",
      "Should we use PKCE with `auth0-spa-js`?",
    ].join("\n");
    const kept = describingText(message);
    expect(kept).toContain("react spa calls our api");
    expect(kept).toContain("auth0-spa-js");
    for (const dropped of ["TypeError", "Object.handler", "billing", "invoice", "Module"]) {
      expect(kept).not.toContain(dropped);
    }
  });

  it("drops long inline code but keeps short names", () => {
    const kept = describingText(
      "we use `passport-saml` and `const x = await fetch(url, { headers: { Authorization } })`",
    );
    expect(kept).toContain("passport-saml");
    expect(kept).not.toContain("fetch");
  });
  it("reads an issue template for the asker's words: the title counts, the template's lines do not", () => {
    const kept = describingText(
      [
        "[Feature] Sign-in for the partner portal",
        "**Is your feature request related to a problem? Please describe.**",
        "Our partners want to use their own directory.",
        "### Describe the solution you'd like",
        "Describe the solution you'd like: one login page for every partner",
        "### Additional context",
        "| package | version |",
        "| --- | --- |",
        "- [x] I have searched the existing issues",
        "- [ ] document the new option",
        "Thanks in advance!",
      ].join("\n"),
    );
    expect(kept.split("\n")).toEqual([
      "[Feature] Sign-in for the partner portal",
      "Our partners want to use their own directory.",
      "Describe the solution you'd like: one login page for every partner",
      "- [ ] document the new option",
    ]);
  });
});

describe("PhraseSet", () => {
  it("finds known phrases only where their words stand together, stopwords included", () => {
    const phrases = new PhraseSet();
    phrases.add(analyze("active directory"));
    phrases.add(analyze("single page app"));
    phrases.add(analyze("business to employees"));
    phrases.add(analyze("solo")); // one word: not a phrase
    expect(phrases.find(analyze("single page apps with Active Directory solo"))).toEqual([
      { key: "singl page app", start: 0, end: 3 },
      { key: "activ directori", start: 4, end: 6 },
    ]);
    expect(phrases.find(analyze("a business to employees app"))).toHaveLength(1);
    // A dropped word in between is not the phrase…
    expect(phrases.find(analyze("we sell to businesses but our own employees use it"))).toEqual([]);
    // …and neither are words on both sides of a sentence end.
    expect(phrases.find(analyze("a single page. App store too"))).toEqual([]);
  });

  it("finds a phrase under every key it was added with", () => {
    const phrases = new PhraseSet();
    phrases.add(analyze("react native"));
    phrases.add(analyze("react native"), "~ concept");
    expect(phrases.find(analyze("React Native")).map((m) => m.key)).toEqual([
      "react nativ",
      "~ concept",
    ]);
  });
});
