import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** How the fake answers a Web API method or a response_url: Slack's three kinds of failure. */
export type Failure = "ok:false" | 500 | 429;

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  authorization: string | undefined;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export const BOT_USER_ID = "UBOT0000001";
export const BOT_ID = "BBOT0000001";

/**
 * A local stand-in for slack.com: the Web API (pointed at with SLACK_API_URL) and response_urls.
 * It records every call and can be told to fail. Nothing leaves the machine.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  /**
   * What apps.connections.open hands out (a FakeSocketMode's url); unset, it answers ok with no
   * URL, and Socket Mode can never connect.
   */
  socketModeUrl: string | undefined;
  #failures = new Map<string, { failure: Failure; error: string }>();
  #holds = new Map<string, { arrive: () => void; release: () => void; released: Promise<void> }>();
  #server: Server = createServer((req, res) => {
    void this.#handle(req, res);
  });
  #port = 0;

  async start(): Promise<this> {
    this.#server.listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api/`;
  }

  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.#port}/response/${id}`;
  }

  /**
   * Every call to `method` (or to the response_url `id`) fails this way until reset();
   * `error` is the Web API's error code for "ok:false".
   */
  fail(target: string, failure: Failure, error = "channel_not_found"): void {
    this.#failures.set(target, { failure, error });
  }

  /**
   * Calls to `method` get no answer until `release()` (or reset()): a reply kept in flight.
   * `arrived` resolves when the first one comes in.
   */
  hold(method: string): { arrived: Promise<void>; release: () => void } {
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#holds.set(method, { arrive, release, released });
    return { arrived, release };
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.#failures.clear();
    for (const hold of this.#holds.values()) hold.release();
    this.#holds.clear();
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");

    if (url.pathname.startsWith("/response/")) {
      const id = url.pathname.slice("/response/".length);
      this.responses.push({ id, body: JSON.parse(raw) as Record<string, unknown> });
      const failure = this.#failures.get(id)?.failure;
      if (failure === undefined) return json(res, 200, { ok: true });
      if (failure === "ok:false") return json(res, 404, { ok: false, error: "expired_url" });
      return json(res, failure, { ok: false });
    }

    const method = url.pathname.replace(/^\/api\//, "");
    const args = parseArgs(req, raw);
    this.calls.push({ method, args, authorization: req.headers.authorization });
    const hold = this.#holds.get(method);
    if (hold !== undefined) {
      hold.arrive();
      await hold.released;
    }
    const { failure, error } = this.#failures.get(method) ?? {};
    if (failure === "ok:false") return json(res, 200, { ok: false, error });
    if (failure === 500) return json(res, 500, { ok: false });
    if (failure === 429) {
      res.setHeader("retry-after", "7");
      return json(res, 429, { ok: false, error: "ratelimited" });
    }
    if (method === "apps.connections.open" && this.socketModeUrl !== undefined) {
      return json(res, 200, { ok: true, url: this.socketModeUrl });
    }
    return json(res, 200, okBody(method, args, req.headers.authorization));
  }
}

/** OAuth: the bot token oauth.v2.access grants for the code `code-<team id>`. */
export const installedToken = (teamId: string) => `xoxb-${teamId}-installed-secret`;

function okBody(
  method: string,
  args: Record<string, unknown>,
  authorization: string | undefined,
): Record<string, unknown> {
  switch (method) {
    case "auth.test":
      return {
        ok: true,
        user_id: BOT_USER_ID,
        bot_id: BOT_ID,
        // An installed token names its workspace; any other is the test workspace's.
        team_id: /^Bearer xoxb-(T\w+)-installed/.exec(authorization ?? "")?.[1] ?? "T0000001",
        user: "advisor",
      };
    case "oauth.v2.access": {
      const team = /^code-(T\w+)$/.exec(String(args.code))?.[1];
      if (team === undefined) return { ok: false, error: "invalid_code" };
      return {
        ok: true,
        app_id: "A0000001",
        authed_user: { id: "U0000001" },
        scope: "app_mentions:read,assistant:write,chat:write,commands,im:history",
        token_type: "bot",
        access_token: installedToken(team),
        bot_user_id: BOT_USER_ID,
        team: { id: team, name: `Workspace ${team}` },
        enterprise: null,
        is_enterprise_install: false,
      };
    }
    case "chat.postMessage":
      return { ok: true, ts: "1700000000.000200", channel: "C0000001" };
    default:
      return { ok: true };
  }
}

/** WebClient posts form fields, JSON-encoding objects such as `blocks` and `view`. */
function parseArgs(req: IncomingMessage, raw: string): Record<string, unknown> {
  if (req.headers["content-type"]?.includes("application/json")) {
    return JSON.parse(raw || "{}") as Record<string, unknown>;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
