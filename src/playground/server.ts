/**
 * `scenario-bot playground`: a local web server (node:http) with one small page and its JSON
 * API. Ask runs the Slack app's own listeners (workspace.ts) and draws what they send
 * (block-kit-html.ts); Cards reads and watches the scenarios directory (cards.ts); Report reads
 * the recorded questions as `scenario-bot report` does (review.ts). Every script and style is
 * served from the package; a strict Content-Security-Policy forbids inline script.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Services } from "../answer/reply.js";
import type { Catalog } from "../catalog/types.js";
import { sinceDate } from "../cli/records.js";
import type { RecordingSettings } from "../config/settings.js";
import type { Recommender } from "../matching/recommender.js";
import { createRecorder } from "../store/open-store.js";
import { DISABLED_RECORDER, type Recorder } from "../store/types.js";
import { blocksHtml, mrkdwnHtml, plainHtml } from "./block-kit-html.js";
import { type CardsState, readCards, watchCards } from "./cards.js";
import { readReview } from "./review.js";
import { clickSchema, type Effect, SURFACES, submissionSchema, Workspace } from "./workspace.js";

export interface PlaygroundOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  scenariosDir: string;
  docsBaseUrl: string;
  recording: RecordingSettings;
  /** Record questions and feedback asked here, as `ask --record` does. */
  record: boolean;
  /** The Report view's default period, as `report --since` takes it. */
  since: string;
  /** One line for the person running it (stderr): never a question, id or secret. */
  log: (line: string) => void;
}

export interface Playground {
  url: string;
  close(): Promise<void>;
}

/** The page's files: copied beside the build by `npm run build`, else read from the sources. */
const PUBLIC_DIR = [
  fileURLToPath(new URL("./public/", import.meta.url)),
  fileURLToPath(new URL("../../src/playground/public/", import.meta.url)),
].find((dir) => existsSync(path.join(dir, "index.html"))) as string;
const require = createRequire(import.meta.url);
const CHART_JS = path.join(path.dirname(require.resolve("chart.js")), "chart.umd.min.js");

const ASSETS: Record<string, { file: string; type: string }> = {
  "/": { file: path.join(PUBLIC_DIR, "index.html"), type: "text/html; charset=utf-8" },
  "/app.js": { file: path.join(PUBLIC_DIR, "app.js"), type: "text/javascript; charset=utf-8" },
  "/style.css": { file: path.join(PUBLIC_DIR, "style.css"), type: "text/css; charset=utf-8" },
  "/vendor/chart.js": { file: CHART_JS, type: "text/javascript; charset=utf-8" },
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const BODY_MAX = 64 * 1024;
const STREAMS_MAX = 16;

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
  });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, "application/json; charset=utf-8", JSON.stringify(value));

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) {
    throw new HttpError(415, "send application/json");
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_MAX) throw new HttpError(413, "request too large");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new HttpError(400, "not JSON");
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, "not a request this page sends");
  return parsed.data;
}

const plainText = (value: unknown) =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as { text?: unknown }).text === "string"
    ? (value as { text: string }).text
    : "";

/** What the page draws for an effect: the blocks as HTML, and the Block Kit JSON as it was. */
function drawn(effect: Effect): Record<string, unknown> {
  switch (effect.kind) {
    case "message":
    case "replace":
      return {
        ...effect,
        // A message with no blocks (the person's own) shows its text, as Slack does.
        html:
          effect.body.blocks.length > 0
            ? blocksHtml(effect.body.blocks)
            : `<div class="sk-text">${mrkdwnHtml(effect.body.text)}</div>`,
        json: JSON.stringify(effect.body, null, 2),
      };
    case "modal":
    case "home": {
      const view = (effect.view ?? {}) as Record<string, unknown>;
      return {
        kind: effect.kind,
        title: plainHtml(plainText(view.title)),
        submit: view.submit === undefined ? null : plainHtml(plainText(view.submit)),
        close: plainHtml(plainText(view.close) || "Close"),
        callbackId: typeof view.callback_id === "string" ? view.callback_id : "",
        privateMetadata: typeof view.private_metadata === "string" ? view.private_metadata : "",
        html: blocksHtml(view.blocks),
        json: JSON.stringify(effect.view, null, 2),
      };
    }
    default:
      return effect;
  }
}

interface Live {
  cards: CardsState;
  catalog: Catalog | null;
  recommender: Recommender | null;
}

/** Starts the playground; resolves once it listens. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const recorder: Recorder = options.record
    ? createRecorder(options.recording, { info: options.log, warn: options.log })
    : DISABLED_RECORDER;
  const first = readCards(options.scenariosDir, options.docsBaseUrl);
  const live: Live = { cards: first.state, catalog: first.catalog, recommender: first.recommender };
  if (first.state.problems.length > 0) {
    options.log(
      `${first.state.problems.length} problems in ${first.state.dir}: Ask answers once they are fixed (see Cards)`,
    );
  }
  const servicesFor = (catalog: Catalog, recommender: Recommender): Services => ({
    catalog,
    recommender,
    docsBaseUrl: options.docsBaseUrl,
    recorder,
    adminUserIds: [],
  });
  const sink = (level: "warn" | "error", line: string) => options.log(`${level}: ${line}`);
  let workspace =
    live.catalog && live.recommender
      ? new Workspace(servicesFor(live.catalog, live.recommender), sink)
      : null;

  const streams = new Set<ServerResponse>();
  const stopWatching = watchCards(live.cards.dir, () => {
    try {
      const next = readCards(options.scenariosDir, options.docsBaseUrl, live.cards);
      live.cards = next.state;
      if (next.catalog && next.recommender) {
        live.catalog = next.catalog;
        live.recommender = next.recommender;
        const services = servicesFor(next.catalog, next.recommender);
        if (workspace) workspace.use(services);
        else workspace = new Workspace(services, sink);
      }
      options.log(
        `cards changed: ${next.state.cards.length} cards, ${next.state.problems.length} problems`,
      );
      for (const stream of streams) stream.write(`event: cards\ndata: ${live.cards.version}\n\n`);
    } catch (error) {
      options.log(
        `reading the cards failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });

  const ws = (): Workspace => {
    if (workspace === null)
      throw new HttpError(503, "the cards have problems: fix them (see Cards) to ask");
    return workspace;
  };

  const api: Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>> = {
    "GET /api/state": async () => ({
      recording: options.record && options.recording.enabled,
      surfaces: SURFACES,
      since: options.since,
      dir: live.cards.dir,
    }),
    "POST /api/ask": async (req) => {
      const { surface, text } = parse(
        z.object({ surface: z.enum(SURFACES), text: z.string().max(40_000) }),
        await readJson(req),
      );
      return { effects: (await ws().ask(surface, text)).map(drawn) };
    },
    "POST /api/click": async (req) => ({
      effects: (await ws().click(parse(clickSchema, await readJson(req)))).map(drawn),
    }),
    "POST /api/submit": async (req) => ({
      effects: (await ws().submit(parse(submissionSchema, await readJson(req)))).map(drawn),
    }),
    "POST /api/assistant": async () => ({
      effects: (await ws().startAssistantThread()).map(drawn),
    }),
    "GET /api/home": async () => ({ effects: (await ws().home()).map(drawn) }),
    "GET /api/cards": async () => ({
      ...live.cards,
      cards: live.cards.cards.map((card) => ({ ...card, html: blocksHtml(card.message.blocks) })),
    }),
    "GET /api/report": async (_req, url) => {
      let since: Date;
      try {
        since = sinceDate(url.searchParams.get("since") ?? options.since);
      } catch (error) {
        throw new HttpError(400, `since: ${(error as Error).message}`);
      }
      if (!live.catalog || !live.recommender) throw new HttpError(503, "the cards have problems");
      try {
        return await readReview(options.recording, live.catalog, live.recommender, since);
      } catch (error) {
        throw new HttpError(404, error instanceof Error ? error.message : String(error));
      }
    },
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500)
        options.log(`error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) {
        json(res, status, {
          error: status === 500 ? "something went wrong" : (error as Error).message,
        });
      } else res.end();
    });
  });

  let origin = "";
  const allowedHosts = new Set<string>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // A page elsewhere must not reach this one by a name that resolves to loopback (DNS
    // rebinding), nor post to it (a cross-site form or fetch).
    const host = req.headers.host ?? "";
    if (allowedHosts.size > 0 && !allowedHosts.has(host)) throw new HttpError(421, "unknown host");
    if (
      req.method === "POST" &&
      req.headers.origin !== undefined &&
      req.headers.origin !== `http://${host}`
    ) {
      throw new HttpError(403, "cross-origin request");
    }
    const url = new URL(req.url ?? "/", origin);
    const asset = req.method === "GET" ? ASSETS[url.pathname] : undefined;
    if (asset) {
      send(res, 200, asset.type, readFileSync(asset.file));
      return;
    }
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && url.pathname === "/api/cards/events") {
      if (streams.size >= STREAMS_MAX) throw new HttpError(503, "too many open pages");
      res.writeHead(200, {
        "Content-Type": "text/event-stream",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.write(`event: cards\ndata: ${live.cards.version}\n\n`);
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    const route = api[`${req.method} ${url.pathname}`];
    if (!route) throw new HttpError(404, "not found");
    json(res, 200, await route(req, url));
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  origin = `http://${shownHost}:${port}`;
  if (isLoopback(options.host)) {
    for (const name of ["127.0.0.1", "localhost", "[::1]", shownHost])
      allowedHosts.add(`${name}:${port}`);
  }
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(": keep-alive\n\n");
  }, 25_000);
  keepAlive.unref();

  return {
    url: `${origin}/`,
    async close() {
      clearInterval(keepAlive);
      stopWatching();
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await recorder.close();
    },
  };
}
