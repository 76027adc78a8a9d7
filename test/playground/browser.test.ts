/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The playground in a real browser: Debian's Chromium, headless, driven by puppeteer-core (no
 * browser download), launched once for the file. Without Chromium the tests skip with the
 * reason, except in CI (CI=true), where that fails the run. SCREENSHOTS=1 writes the
 * screenshots of docs/cli.md (the playground) to docs/screenshots/.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recommendAnswer } from "../../src/answer/answer.js";
import { questionFromPlainText } from "../../src/answer/question.js";
import { openCatalog } from "../../src/matching/snapshot.js";
import { type Playground, startPlayground } from "../../src/playground/server.js";
import { SqliteRecorder } from "../../src/store/sqlite-recorder.js";
import { tempDir } from "../helpers/tmp.js";

const BUNDLED = path.resolve("scenarios");
const DOCS = "https://auth0.com/docs";
const SHOTS = process.env.SCREENSHOTS ? path.resolve("docs/screenshots") : null;

function findChromium(): string | null {
  const named = process.env.CHROMIUM_PATH;
  if (named) return existsSync(named) ? named : null;
  for (const file of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (existsSync(file)) return file;
  }
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

const chromium = findChromium();
if (chromium === null && process.env.CI === "true") {
  throw new Error("CI must run the browser tests: no Chromium (apt-get install chromium)");
}
const missing =
  chromium === null ? "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)" : "";

/** A history over the last five days: answers, no-matches, feedback and a pick. */
function writeHistory(databasePath: string): string {
  const recorder = new SqliteRecorder({
    databasePath,
    retentionDays: 90,
    salt: "0".repeat(64),
    log: { info: () => {}, warn: () => {} },
  });
  const day = 24 * 60 * 60 * 1000;
  const rows: Array<{ id: string; scenarioId: string | null; question: string; age: number }> = [];
  let n = 0;
  const add = (scenarioId: string | null, question: string, age: number) => {
    const id = `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
    rows.push({ id, scenarioId, question, age });
    recorder.recordAnswer({
      id,
      workspaceId: "T1",
      surface: "command",
      userId: "U1",
      question,
      scenarioId,
      score: scenarioId ? 0.6 : 0,
      alternatives: ["server-api"],
    });
  };
  for (let d = 0; d < 5; d++) {
    add("spa-api", "how should my single-page app call my own api?", d);
    add("mobile-api", "a mobile app calling our api", d);
    add(null, "what is the weather like on mars", d);
  }
  add("web-app-sso", "a web app", 1);
  recorder.recordFeedback(rows[0]?.id ?? "", { kind: "helpful", workspaceId: "T1", userId: "U1" });
  recorder.recordFeedback(rows[1]?.id ?? "", {
    kind: "not_quite",
    workspaceId: "T1",
    userId: "U1",
  });
  void recorder.close();
  const db = new Database(databasePath);
  const now = Date.now();
  const update = db.prepare("UPDATE answers SET created_at = ? WHERE id = ?");
  for (const row of rows) update.run(now - row.age * day - 60_000, row.id);
  db.close();
  return "what is the weather like on mars";
}

describe.skipIf(chromium === null)(
  `the playground in Chromium${missing ? ` (skipped: ${missing})` : ""}`,
  () => {
    let browser: Browser;
    let playground: Playground;
    let dir: string;
    let unanswered: string;
    const dialogs: string[] = [];

    beforeAll(async () => {
      const root = tempDir("playground");
      dir = path.join(root, "scenarios");
      cpSync(BUNDLED, dir, { recursive: true });
      const databasePath = path.join(root, "records.db");
      unanswered = writeHistory(databasePath);
      playground = await startPlayground({
        host: "127.0.0.1",
        port: 0,
        scenariosDir: dir,
        docsBaseUrl: DOCS,
        recording: { enabled: true, retentionDays: 90, databasePath },
        record: true,
        since: "30d",
        log: () => {},
      });
      browser = await puppeteer.launch({
        executablePath: chromium as string,
        headless: true,
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
        ],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await playground?.close();
    });

    async function open(hash = "", width = 1100): Promise<Page> {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${playground.url}${hash}`);
      return page;
    }

    async function ask(page: Page, question: string, surface = "command"): Promise<void> {
      const before = await page.$$eval("li.from-app", (items) => items.length);
      await page.click(`input[name="surface"][value="${surface}"]`);
      const box = await page.waitForSelector("::-p-aria(Question)");
      await box?.click({ count: 3 });
      await box?.type(question);
      await page.click("#ask-form button[type=submit]");
      await page.waitForFunction(
        (n) => document.querySelectorAll("li.from-app").length > n,
        {},
        before,
      );
    }

    /** The viewport, or one element of the page (at most a screen and a half of it). */
    async function shoot(page: Page, name: string, selector?: string): Promise<void> {
      if (SHOTS === null) return;
      mkdirSync(SHOTS, { recursive: true });
      const file = path.join(SHOTS, `${name}.png`) as `${string}.png`;
      const element = selector ? await page.$(selector) : null;
      const box = await element?.boundingBox();
      if (!box) {
        await page.screenshot({ path: file });
        return;
      }
      const height = Math.min(box.height, (page.viewport()?.height ?? 900) * 2);
      await page.screenshot({ path: file, clip: { ...box, height }, captureBeyondViewport: true });
    }

    it("answers a question with its card, the docs link, and focus on the answer", async () => {
      const page = await open();
      await ask(page, "How should my single-page app call my own API?");
      const answer = await page.$eval("li.from-app", (li) => ({
        header: li.querySelector(".sk-header")?.textContent,
        docs: li.querySelector<HTMLAnchorElement>('a[data-action-id="scenario_docs"]')?.href,
        focused: document.activeElement === li,
        json: li.querySelector("pre")?.textContent ?? "",
      }));
      expect(answer.header).toBe("Single-Page App + API");
      expect(answer.docs).toMatch(/^https:\/\/auth0\.com\/docs\/.+spa-api/);
      expect(answer.focused).toBe(true);
      // The raw Block Kit on demand is the message's own.
      expect(JSON.parse(answer.json).blocks[0]).toEqual({
        type: "header",
        text: { type: "plain_text", text: "Single-Page App + API" },
      });
      await shoot(page, "ask");
      await page.setViewport({ width: 390, height: 844 });
      await shoot(page, "ask-narrow");
      await page.close();
    });

    it("refines a best guess in place when its clarifying question is answered", async () => {
      const { catalog, recommender } = await openCatalog(BUNDLED);
      const question = ["a web app", "an app", "we need login"].find(
        (q) => recommendAnswer({ catalog, recommender }, questionFromPlainText(q)).clarify !== null,
      );
      expect(
        question,
        "a question the bundled cards answer with a clarifying question",
      ).toBeDefined();
      const page = await open();
      await ask(page, question as string, "dm");
      const before = await page.$eval("li.from-app", (li) => ({
        id: (li as HTMLElement).dataset.id,
        header: li.querySelector(".sk-header")?.textContent,
        choices: li.querySelectorAll('button[data-action-id^="scenario_clarify_"]').length,
      }));
      expect(before.choices).toBeGreaterThanOrEqual(2);
      // The last option: a card other than the best guess.
      const options = await page.$$('li.from-app button[data-action-id^="scenario_clarify_"]');
      const label = await options.at(-1)?.evaluate((b) => b.textContent);
      await options.at(-1)?.click();
      await page.waitForFunction(
        (h) => document.querySelector("li.from-app .sk-header")?.textContent !== h,
        {},
        before.header,
      );
      const after = await page.$$eval("li.from-app", (items) =>
        items.map((li) => ({
          id: (li as HTMLElement).dataset.id,
          header: li.querySelector(".sk-header")?.textContent,
          why: li.textContent ?? "",
          choices: li.querySelectorAll('button[data-action-id^="scenario_clarify_"]').length,
        })),
      );
      expect(after).toHaveLength(1); // in place: the same message, not a new one
      expect(after[0]?.id).toBe(before.id);
      expect(after[0]?.choices).toBe(0);
      expect(after[0]?.why).toContain(`with “${label}”`);
      await page.close();
    });

    it("opens the guided chooser, and a submitted modal gives a card", async () => {
      const page = await open();
      await ask(page, "guide", "dm");
      await page.click('li.from-app button[data-action-id="guide_open"]');
      await page.waitForSelector("dialog[open] fieldset");
      // Submitted with nothing chosen: the modal says what is missing, as Slack does.
      await page.click("#modal-submit");
      await page.waitForSelector("dialog[open] .sk-error:not([hidden])");
      const radios = await page.$$("dialog[open] fieldset input[type=radio]");
      await radios[0]?.click();
      await shoot(page, "guide-modal");
      await page.click("#modal-submit");
      await page.waitForFunction(() => !document.querySelector("dialog[open]"));
      await page.waitForFunction(
        () => document.querySelectorAll("li.from-app .sk-header").length > 0,
      );
      const card = await page.$eval("li.from-app:last-of-type", (li) => li.textContent ?? "");
      expect(card).toContain("Why: you chose");
      await page.close();
    });

    it("shows a question carrying HTML as text, and runs none of it", async () => {
      const page = await open();
      const attack = "<img src=x onerror=alert(1)>";
      for (const surface of ["command", "mention"]) {
        await ask(page, attack, surface);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = await page.$eval("#messages", (list) => ({
        text: list.textContent ?? "",
        images: list.querySelectorAll("img").length,
      }));
      expect(seen.images).toBe(0);
      expect(seen.text).toContain(attack);
      expect(dialogs).toEqual([]);
      await page.close();
    });

    it("shows the Home tab, and a change to a card on disk without a reload", async () => {
      const home = await open();
      await home.click("::-p-aria(App Home)");
      await home.waitForSelector("#home-body .sk-header");
      expect(await home.$eval("#home-body", (h) => h.textContent)).toContain("The catalog");
      await home.close();

      const page = await open("#cards");
      await page.waitForSelector("article.card");
      const file = path.join(dir, "spa-api.md");
      const text = readFileSync(file, "utf8");
      expect(text).toMatch(/^title: .+$/m);
      expect(text).toMatch(/^examples:$/m);
      // A new title, an example another card wins, and one that carries HTML.
      writeFileSync(
        file,
        text
          .replace(/^title: .+$/m, "title: Browser Apps Calling APIs")
          .replace(
            /^examples:$/m,
            'examples:\n  - "A native iOS app calling our backend API"\n  - "<img src=x onerror=alert(2)>"',
          ),
      );
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll("article.card h3")].some(
            (h) => h.textContent === "Browser Apps Calling APIs",
          ),
        { timeout: 10_000 },
      );
      const card = await page.$eval('article[data-card="spa-api"]', (article) => ({
        lost: [...article.querySelectorAll("tr.outcome-lost, tr.outcome-declined")].map(
          (row) => row.textContent ?? "",
        ),
        examples: [...article.querySelectorAll("tbody tr td:first-child")].map(
          (td) => td.textContent,
        ),
        images: article.querySelectorAll("img").length,
      }));
      expect(
        card.lost.some((row) => row.startsWith("A native iOS app calling our backend API")),
        card.lost.join("\n"),
      ).toBe(true);
      expect(card.examples).toContain("<img src=x onerror=alert(2)>");
      expect(card.images).toBe(0);
      expect(dialogs).toEqual([]);

      // A broken card: its file and field are shown.
      writeFileSync(
        path.join(dir, "broken.md"),
        "---\nid: broken\ntitle: Broken\n---\nNo summary.\n",
      );
      await page.waitForFunction(
        () =>
          (document.querySelector(".problems")?.textContent ?? "").includes("broken.md: summary"),
        { timeout: 10_000 },
      );
      await shoot(page, "cards-problems", "#view-cards");
      rmSync(path.join(dir, "broken.md"));
      await page.waitForFunction(() => document.querySelector(".problems") === null, {
        timeout: 10_000,
      });
      await shoot(page, "cards", 'article[data-card="spa-api"]');
      await page.setViewport({ width: 390, height: 844 });
      await shoot(page, "cards-narrow", 'article[data-card="spa-api"]');
      // Back as it was: the Report view reads the bundled titles.
      writeFileSync(file, text);
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll("article.card h3")].some(
            (h) => h.textContent === "Single-Page App + API",
          ),
        { timeout: 10_000 },
      );
      await page.close();
    });

    it("draws the Report view's charts from a recorded history", async () => {
      const page = await open("#report");
      await page.waitForSelector("#chart-days[data-drawn]");
      const drawn = await page.$$eval("canvas", (canvases) =>
        canvases.map((c) => ({
          id: c.id,
          labels: Number(c.dataset.drawn),
          label: c.getAttribute("aria-label"),
        })),
      );
      const byId = Object.fromEntries(drawn.map((d) => [d.id, d]));
      expect(byId["chart-answers"]?.labels).toBeGreaterThanOrEqual(2);
      expect(byId["chart-days"]?.labels).toBe(5);
      expect(byId["chart-helpful"]?.label).toContain("1 helpful");
      const table = await page.$eval("#unanswered", (t) => t.textContent ?? "");
      expect(table).toContain(unanswered);
      expect(table).toContain("5");
      await shoot(page, "report", "#view-report");
      await page.setViewport({ width: 390, height: 844 });
      await shoot(page, "report-narrow");
      await page.close();
    });
  },
);
