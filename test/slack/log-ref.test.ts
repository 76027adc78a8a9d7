import { describe, expect, it } from "vitest";
import { logRef } from "../../src/slack/calls.js";

describe("logRef", () => {
  it("names an id by a keyed hash: the same for the same id, never the id itself", () => {
    const ref = logRef("T0123ABCD");
    expect(ref).toMatch(/^#[0-9a-f]{10}$/);
    expect(ref).not.toContain("T0123ABCD");
    expect(logRef("T0123ABCD")).toBe(ref);
    expect(logRef("T0123ABCE")).not.toBe(ref);
  });

  it("stays the same for an id after its bounded memo has been emptied", () => {
    const ref = logRef("U0AAAAAAA");
    for (let i = 0; i < 10_001; i++) logRef(`U${i.toString().padStart(8, "0")}`);
    expect(logRef("U0AAAAAAA")).toBe(ref);
  });
});
