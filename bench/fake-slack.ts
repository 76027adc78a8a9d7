/**
 * A stand-in for slack.com's Web API on 127.0.0.1, for the apps under test. Unlike the tests'
 * fake it records nothing: it answers at once and tells a waiting caller when the reply to a
 * given message (chat.postMessage with that thread_ts) arrives.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { BOT_USER_ID } from "./slack-requests.js";

export class FakeWebApi {
  /** chat.postMessage calls received, over the fake's life. */
  posts = 0;
  readonly #waiting = new Map<string, () => void>();
  readonly #server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    void this.#handle(req, res);
  });

  async start(): Promise<this> {
    this.#server.listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`;
  }

  /** Resolves when the reply threaded under `ts` is posted; rejects after `timeoutMs`. */
  replyTo(ts: string, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(ts);
        reject(new Error(`no chat.postMessage for ${ts} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(ts, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? "").replace(/^\/api\//, "");
    let body: Record<string, unknown> = { ok: true };
    if (method === "auth.test") {
      body = { ok: true, user_id: BOT_USER_ID, bot_id: "BBENCHBOT1", team_id: "T0BENCH01" };
    } else if (method === "chat.postMessage") {
      this.posts++;
      // WebClient posts a form; only thread_ts is needed, so the blocks are never parsed.
      const threadTs = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("thread_ts");
      body = { ok: true, ts: "1700000000.000200", channel: "C0BENCH01" };
      if (threadTs !== null) {
        this.#waiting.get(threadTs)?.();
        this.#waiting.delete(threadTs);
      }
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}
