/**
 * The playground without a browser: the Block Kit drawn as HTML escapes whatever a card or a
 * question says; the workspace runs the Slack app's own listeners; the command starts, guards
 * its door (CSP, Host, JSON only) and stops on SIGTERM with exit code 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hasMatch, recommendAnswer } from "../../src/answer/answer.js";
import { questionFromPlainText } from "../../src/answer/question.js";
import { openCatalog } from "../../src/matching/snapshot.js";
import {
  blocksHtml,
  escapeHtml,
  mrkdwnHtml,
  plainHtml,
} from "../../src/playground/block-kit-html.js";
import { isLoopback } from "../../src/playground/server.js";
import { Workspace } from "../../src/playground/workspace.js";
import { answerMessage } from "../../src/slack/blocks/answer.js";
import { replyMessage } from "../../src/slack/blocks/reply.js";
import { DISABLED_RECORDER } from "../../src/store/types.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(ROOT, "dist/cli/main.js");
const DOCS = "https://auth0.com/docs";

async function services() {
  const { catalog, recommender } = await openCatalog(path.join(ROOT, "scenarios"));
  return { catalog, recommender, docsBaseUrl: DOCS, recorder: DISABLED_RECORDER, adminUserIds: [] };
}

describe("Block Kit as HTML", () => {
  it("shows markup from a card or a question as text", () => {
    // mrkdwn as the app makes it: Slack's three entities escaped.
    const html = mrkdwnHtml("*Why:* &lt;img src=x onerror=alert(1)&gt; &amp;lt; <!here>");
    expect(html).toContain("<strong>Why:</strong>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).not.toContain("<img");
    // A literal "&lt;" typed by someone stays "&lt;" on screen.
    expect(html).toContain("&amp;lt;");
    expect(plainHtml('<b>"x"</b> :thumbsup:')).toBe("&lt;b&gt;&quot;x&quot;&lt;/b&gt; 👍");
  });

  it("opens only web links, and draws unknown blocks as a note", () => {
    const html = blocksHtml([
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "x" },
            url: "javascript:alert(1)",
            action_id: "a",
          },
        ],
      },
      { type: "section", text: { type: "mrkdwn", text: "<javascript:alert(1)|click>" } },
      { type: "rich_text", elements: [] },
      "<script>",
    ]);
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain("<script");
    expect(html).toContain("[block rich_text is not drawn here]");
  });

  it("draws every block of a real answer, its buttons carrying their values", async () => {
    const a = await services();
    const answer = recommendAnswer(a, questionFromPlainText("a web app"));
    if (!hasMatch(answer)) throw new Error("no answer to a web app");
    const message = answerMessage(answer, "ephemeral", DOCS);
    const html = blocksHtml(message.blocks);
    expect(html).not.toContain("is not drawn here");
    const buttons = message.blocks.flatMap((b): unknown[] =>
      b.type === "actions" ? b.elements : [],
    );
    for (const button of buttons) {
      const value = (button as { value?: unknown }).value;
      if (typeof value === "string") {
        expect(html).toContain(`data-value="${escapeHtml(value)}"`);
      }
    }
  });
});

describe("the workspace", () => {
  it("answers with the message the Slack listeners send, and a click refines it in place", async () => {
    const a = await services();
    const workspace = new Workspace(a, () => {});
    const effects = await workspace.ask("command", "a web app");
    const answer = effects.find((e) => e.kind === "message" && e.author === "app");
    expect(answer?.kind).toBe("message");
    if (answer?.kind !== "message") return;
    // The same blocks as the slash command's own mapping, but for the answer's random id.
    const same = replyMessage(
      a,
      {
        kind: "answer",
        answer: recommendAnswer(a, questionFromPlainText("a web app")),
        asker: { surface: "command", workspaceId: null, userId: null },
      },
      "ephemeral",
    );
    const withoutIds = (blocks: unknown) =>
      JSON.stringify(blocks).replace(/\\"a\\":\\"[0-9a-f-]{36}\\"/g, "");
    expect(withoutIds(answer.body.blocks)).toBe(withoutIds(same.blocks));
    const clarify = answer.body.blocks
      .flatMap(
        (b) => (b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? [],
      )
      .find((e) => e.action_id?.startsWith("scenario_clarify_"));
    expect(clarify).toBeDefined();
    const refined = await workspace.click({
      message: { id: answer.id, place: answer.place, blocks: answer.body.blocks },
      actionId: clarify?.action_id as string,
      value: clarify?.value,
    });
    expect(refined.map((e) => e.kind)).toEqual(["replace"]);
    expect(refined[0]?.kind === "replace" && refined[0].id).toBe(answer.id);
  });

  it("shares in the channel what would be posted, and records feedback when recording is on", async () => {
    const feedback: string[] = [];
    const a = {
      ...(await services()),
      recorder: {
        ...DISABLED_RECORDER,
        recordFeedback: (_id: string, f: { kind: string }) => void feedback.push(f.kind),
      },
    };
    const workspace = new Workspace(a, () => {});
    const [, answer] = await workspace.ask(
      "command",
      "How should my single-page app call my own API?",
    );
    if (answer?.kind !== "message") throw new Error("no answer");
    const buttons = answer.body.blocks.flatMap(
      (b) => (b as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? [],
    );
    const press = (id: string) => {
      const button = buttons.find((e) => e.action_id === id);
      return workspace.click({
        message: { id: answer.id, place: answer.place, blocks: answer.body.blocks },
        actionId: id,
        value: button?.value,
      });
    };
    const shared = await press("scenario_share");
    expect(shared.map((e) => e.kind)).toEqual(["message", "delete"]);
    const posted = shared[0];
    expect(posted?.kind === "message" && posted.place.ephemeral).toBe(false);
    expect(JSON.stringify(posted)).toContain("<@U0PLAYGROUND> asked");
    const thanks = await press("scenario_helpful");
    expect(JSON.stringify(thanks)).toContain("Thanks for the feedback");
    expect(feedback).toEqual(["helpful"]);
  });

  it("titles an assistant thread and offers its suggested prompts", async () => {
    const workspace = new Workspace(await services(), () => {});
    const started = await workspace.startAssistantThread();
    expect(started.map((e) => e.kind)).toEqual(["message", "prompts"]);
    const asked = await workspace.ask("assistant", "A mobile app calling our backend");
    expect(asked.map((e) => e.kind)).toEqual(["message", "title", "message"]);
    const reply = asked[2];
    expect(reply?.kind === "message" && reply.place.thread).toBeTruthy();
  });

  it("gives an outdated or forged button the app's out-of-date reply", async () => {
    const workspace = new Workspace(await services(), () => {});
    const effects = await workspace.click({
      message: { id: "1.1", place: { channel: "C0PLAYGROUND", ephemeral: true }, blocks: [] },
      actionId: "scenario_pick_0",
      value: '{"not":"ours"}',
    });
    expect(JSON.stringify(effects)).toContain("out of date");
  });
});

describe("scenario-bot playground", () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
  });

  it("prints its URL last, serves the page with a strict CSP, and exits 0 on SIGTERM", async () => {
    child = spawn(process.execPath, [CLI, "playground", "--port", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    const url = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const line = stdout.trim().split("\n").at(-1) ?? "";
        if (/^http:\/\/127\.0\.0\.1:\d+\/$/.test(line)) resolve(line);
      });
      child?.once("exit", (code) => reject(new Error(`exited ${code}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(await page.text()).not.toMatch(/<script>(?!<\/script>)/);
    const chart = await fetch(`${url}vendor/chart.js`);
    expect(chart.status).toBe(200);
    // Another page's name for this address (DNS rebinding), and a form post, are refused.
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      const request = http.get(url, { headers: { Host: "evil.example:80" } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      request.on("error", reject);
    });
    expect(rebound).toBe(421);
    const form = await fetch(`${url}api/ask`, {
      method: "POST",
      body: "surface=command&text=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const answered = await fetch(`${url}api/ask`, {
      method: "POST",
      body: JSON.stringify({ surface: "mention", text: "spa calling my api" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(answered.status).toBe(200);
    const exited = new Promise<number | null>((resolve) =>
      child?.once("exit", (code) => resolve(code)),
    );
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses a port that is no port, as a usage error", async () => {
    const run = spawn(process.execPath, [CLI, "playground", "--port", "http"], { cwd: ROOT });
    let stderr = "";
    run.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((resolve) => run.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain("--port");
  });

  it("counts only loopback addresses as loopback", () => {
    expect(["127.0.0.1", "::1", "localhost", "127.1.2.3"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "::", "192.168.1.2", "example.com"].some(isLoopback)).toBe(false);
  });
});
