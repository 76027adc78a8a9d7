import { describe, expect, it } from "vitest";
import { Gate } from "../../src/matching/gate.js";

const words = (text: string) => text.split(" ");

describe("Gate", () => {
  const gate = new Gate(
    ["spa calls api", "mobile app calls api", "employees sign in with okta"].map(words),
    ["lunch at noon", "ci build failing again", "invoice for okta seats"].map(words),
  );

  it("leans off-topic for words of the off-topic side, on-topic for the cards' words", () => {
    expect(gate.offTopicOdds(words("lunch at noon"))).toBeGreaterThan(0);
    expect(gate.offTopicOdds(words("spa calls api"))).toBeLessThan(0);
  });

  it("says nothing about words neither side has seen", () => {
    expect(gate.offTopicOdds(words("zebra quantum"))).toBe(0);
    expect(gate.offTopicOdds([])).toBe(0);
  });

  it("weighs nothing without material on both sides", () => {
    const oneSided = new Gate([words("spa calls api")], []);
    expect(oneSided.offTopicOdds(words("spa lunch"))).toBe(0);
  });

  it("does not let a long question's odds grow without bound", () => {
    const once = gate.offTopicOdds(words("lunch"));
    const many = gate.offTopicOdds(Array.from({ length: 100 }, () => "lunch"));
    expect(many).toBeLessThanOrEqual(once * 10 + 1e-9);
  });

  it("survives a round trip through plain data unchanged", () => {
    const copy = Gate.fromJSON(JSON.parse(JSON.stringify(gate.toJSON())));
    for (const q of ["lunch at noon", "spa calls api", "okta invoice", "zebra"]) {
      expect(copy.offTopicOdds(words(q))).toBe(gate.offTopicOdds(words(q)));
    }
  });
});
