/**
 * scenarios/policy.yml as data: an optional threshold a company's older file lacks keeps its
 * neutral value, and a value out of range is named with its file and field.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { checkCatalog, loadCatalog } from "../../src/catalog/load.js";
import { tempDir } from "../helpers/tmp.js";

/** A copy of the bundled scenarios directory whose policy.yml is `edit`ed. */
function withPolicy(edit: (yaml: string) => string): string {
  const dir = path.join(tempDir("scenario-policy"), "scenarios");
  cpSync(DEFAULT_SCENARIOS_DIR, dir, { recursive: true });
  const file = path.join(dir, "policy.yml");
  writeFileSync(file, edit(readFileSync(file, "utf8")));
  return dir;
}

describe("policy.yml's ranking.named_compound_part_share", () => {
  it("is read from the bundled file", () => {
    const share = loadCatalog(DEFAULT_SCENARIOS_DIR).policy.ranking.namedCompoundPartShare;
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
  });

  it("keeps the parts' whole evidence (1) in a policy.yml written before it", () => {
    const dir = withPolicy((yaml) => yaml.replace(/^\s*named_compound_part_share:.*$/m, ""));
    expect(readFileSync(path.join(dir, "policy.yml"), "utf8")).not.toContain(
      "named_compound_part_share:",
    );
    expect(loadCatalog(dir).policy.ranking.namedCompoundPartShare).toBe(1);
  });

  it("names the file and field of a value that is not a share", () => {
    const dir = withPolicy((yaml) =>
      yaml.replace(/named_compound_part_share:.*$/m, "named_compound_part_share: 2"),
    );
    expect(checkCatalog(dir).problems).toEqual([
      expect.objectContaining({
        file: path.join(dir, "policy.yml"),
        field: expect.stringContaining("named_compound_part_share"),
      }),
    ]);
  });
});

describe("policy.yml's decline.ask_weight", () => {
  it("is 0 (the whole message only) in a policy.yml written before it", () => {
    expect(loadCatalog(DEFAULT_SCENARIOS_DIR).policy.decline.askWeight).toBeGreaterThan(0);
    const dir = withPolicy((yaml) => yaml.replace(/^\s*ask_weight:.*$/m, ""));
    expect(loadCatalog(dir).policy.decline.askWeight).toBe(0);
  });

  it("names the file and field of a negative weight", () => {
    const dir = withPolicy((yaml) => yaml.replace(/ask_weight:.*$/m, "ask_weight: -1"));
    expect(checkCatalog(dir).problems).toEqual([
      expect.objectContaining({
        file: path.join(dir, "policy.yml"),
        field: expect.stringContaining("ask_weight"),
      }),
    ]);
  });
});
