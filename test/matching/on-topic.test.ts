/**
 * The on-topic gate material (scenarios/on-topic/*.yml): it teaches the domain gate what an
 * on-topic question looks like as people post it, and nothing else. A broken file is named with
 * its field, and a scenarios directory without the folder uses the bundled one.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { checkCatalog, createCatalog, loadCatalog } from "../../src/catalog/load.js";
import { Recommender } from "../../src/matching/recommender.js";
import { tempDir } from "../helpers/tmp.js";

const catalog = loadCatalog(DEFAULT_SCENARIOS_DIR);
const withMaterial = new Recommender(catalog);
const withoutMaterial = new Recommender(
  createCatalog(catalog.scenarios, catalog.concepts, {
    policy: catalog.policy,
    decline: catalog.decline,
    onTopic: [],
  }),
);

/** A copy of the bundled scenarios directory to break. */
function scenariosCopy(): string {
  const dir = path.join(tempDir("scenario-on-topic"), "scenarios");
  cpSync(DEFAULT_SCENARIOS_DIR, dir, { recursive: true });
  return dir;
}

describe("on-topic gate material", () => {
  it("is bundled, and read as categories of messages", () => {
    expect(catalog.onTopic.length).toBeGreaterThan(0);
    const messages = catalog.onTopic.flatMap((c) => c.messages);
    expect(messages.length).toBeGreaterThanOrEqual(100);
  });

  it("moves only the gate: every card's score is the same with it and without it", () => {
    const questions = [
      "Implement login for our React dashboard that calls the Node API, tokens in memory?",
      "[Feature] Support SSO with each customer's own Okta for our multi-tenant SaaS",
      "cron job needs to call our billing API, what grant do I use",
    ];
    let gateMoved = false;
    for (const q of questions) {
      const a = withMaterial.search(q);
      const b = withoutMaterial.search(q);
      expect(a.ranked.map((r) => [r.scenario.id, r.score])).toEqual(
        b.ranked.map((r) => [r.scenario.id, r.score]),
      );
      expect(a.why).toEqual(b.why);
      if (a.offTopicOdds !== b.offTopicOdds) gateMoved = true;
    }
    expect(gateMoved).toBe(true);
  });

  it("reads a task-shaped architecture question as more on topic than the cards alone do", () => {
    const q =
      "We need to implement authentication for our internal tools so staff log in with Azure AD; what's the recommended setup?";
    expect(withMaterial.search(q).offTopicOdds).toBeLessThan(
      withoutMaterial.search(q).offTopicOdds,
    );
  });

  it("names the file and field of a broken category", () => {
    const dir = scenariosCopy();
    writeFileSync(path.join(dir, "on-topic/real-registers.yml"), "real-registers:\n  about: x\n");
    const { problems } = checkCatalog(dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: path.join(dir, "on-topic/real-registers.yml"),
        field: expect.stringContaining("messages"),
      }),
    ]);
  });

  it("comes from the bundled folder when a scenarios directory has none", () => {
    const dir = scenariosCopy();
    rmSync(path.join(dir, "on-topic"), { recursive: true });
    expect(loadCatalog(dir).onTopic.map((c) => c.id)).toEqual(catalog.onTopic.map((c) => c.id));
  });

  it("is a company's own when its scenarios directory has the folder", () => {
    const dir = scenariosCopy();
    rmSync(path.join(dir, "on-topic"), { recursive: true });
    mkdirSync(path.join(dir, "on-topic"));
    writeFileSync(
      path.join(dir, "on-topic/ours.yml"),
      'our-words:\n  about: How our teams ask.\n  messages: ["which login setup for the new partner portal?"]\n',
    );
    expect(loadCatalog(dir).onTopic).toEqual([
      expect.objectContaining({
        id: "our-words",
        messages: ["which login setup for the new partner portal?"],
      }),
    ]);
  });
});
