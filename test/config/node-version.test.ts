import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { MIN_NODE, unsupportedNode } from "../../src/config/node-version.js";

describe("the Node.js version check", () => {
  it("refuses Node.js older than 22.12, naming the version and what to do", () => {
    expect(unsupportedNode("v20.20.2")).toMatch(
      /needs Node\.js 22\.12 or newer .*this is Node\.js 20\.20\.2\. Install a current LTS/,
    );
    expect(unsupportedNode("22.11.0")).toMatch(/this is Node\.js 22\.11\.0/);
  });

  it("accepts 22.12 and later, 24 included", () => {
    for (const v of ["22.12.0", "v22.23.3", "24.0.0", "v24.21.0"])
      expect(unsupportedNode(v)).toBeNull();
  });

  it("agrees with package.json engines", () => {
    expect(pkg.engines.node).toContain(`^${MIN_NODE[0]}.${MIN_NODE[1]}.0`);
  });
});
