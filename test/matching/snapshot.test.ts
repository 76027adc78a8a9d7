import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { Recommender } from "../../src/matching/recommender.js";
import { openCatalog, writeSnapshot } from "../../src/matching/snapshot.js";
import { recommend } from "../helpers/recommend.js";
import { tempDir } from "../helpers/tmp.js";

const QUESTIONS = [
  "mobile app calling an API",
  "our customers' IT admins want their staff to use their own corporate login",
  "moble app with a typo",
  "our Stencil frontend calls our API",
  "anyone up for lunch?",
  "rn",
];

const plain = (value: unknown) =>
  JSON.stringify(value, (key, v) => (key === "scenario" ? v.id : v));

function copyOfCards(): { dir: string; file: string } {
  const root = tempDir("snapshot");
  const dir = path.join(root, "scenarios");
  cpSync(DEFAULT_SCENARIOS_DIR, dir, { recursive: true });
  return { dir, file: path.join(root, "snapshot.json") };
}

describe("the index snapshot", () => {
  it("answers exactly as an index built from the cards", async () => {
    const { dir, file } = copyOfCards();
    await writeSnapshot(dir, file);
    const fromSnapshot = await openCatalog(dir, file);
    const built = new Recommender(loadCatalog(dir));
    expect(fromSnapshot.catalog.scenarios.map((s) => s.file)).toEqual(
      built.index.scenarios.map((s) => s.file),
    );
    for (const q of QUESTIONS) {
      expect(plain(recommend(fromSnapshot.recommender, q))).toBe(plain(recommend(built, q)));
    }
  });

  it("is not used once a card changes: the changed card is what answers", async () => {
    const { dir, file } = copyOfCards();
    await writeSnapshot(dir, file);
    const card = path.join(dir, "mobile-api.md");
    writeFileSync(card, readFileSync(card, "utf8").replace(/^title: .*$/m, "title: Changed Title"));
    const { catalog } = await openCatalog(dir, file);
    expect(catalog.get("mobile-api")?.title).toBe("Changed Title");
  });

  it("falls back to building when the snapshot is missing or broken", async () => {
    const { dir, file } = copyOfCards();
    writeFileSync(file, "{ not json");
    const broken = await openCatalog(dir, file);
    const missing = await openCatalog(dir, `${file}.absent`);
    for (const { recommender } of [broken, missing]) {
      expect(recommend(recommender, "mobile app calling an API").match?.scenario.id).toBe(
        "mobile-api",
      );
    }
  });
});
