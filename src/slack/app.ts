import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type Logger, type ReceiverEvent } from "@slack/bolt";
import type { Advisor } from "../answer/reply.js";
import type { Catalog } from "../catalog/types.js";
import { type AppSettings, checkToken } from "../config/index.js";
import { Recommender } from "../matching/recommender.js";
import { DISABLED_RECORDER, type Recorder } from "../store/types.js";
import { describeError } from "./calls.js";
import { firstDelivery, SeenEvents } from "./delivery.js";
import { registerListeners } from "./listeners/index.js";
import { createLogger, withoutDebug } from "./logger.js";
import { ScreenedReceiver } from "./receiver.js";

export const EVENTS_PATH = "/slack/events";
export const HEALTH_PATH = "/healthz";

export interface CreateAppOptions {
  settings: AppSettings;
  catalog: Catalog;
  /** Defaults to the TF-IDF recommender over `catalog`. */
  recommender?: Advisor["recommender"];
  /** Defaults to JSON lines (pino) at `settings.logLevel`; Bolt gets it without debug. */
  logger?: Logger;
  /** Where answers and feedback are recorded; the app closes it on stop. Defaults to none. */
  recorder?: Recorder;
}

export interface ScenarioApp {
  readonly app: App;
  readonly logger: Logger;
  /**
   * Checks the bot token (auth.test), then listens. Resolves to the HTTP port; in Socket Mode,
   * the health check's, which listens before the app connects.
   */
  start(host?: string): Promise<{ port: number }>;
  /** Stops receiving, then waits for the events already being handled. */
  stop(): Promise<void>;
  /** Resolves once no event is being handled. */
  idle(): Promise<void>;
}

/**
 * Bolt's App, counting the events it is handling so that shutdown (and tests) can wait for them,
 * and acknowledging whatever no listener did (an action, view, shortcut or options request we
 * have no listener for), so that Slack never shows an error for want of an ack.
 */
class TrackedApp extends App {
  readonly inFlight = new Set<Promise<void>>();

  override async processEvent(event: ReceiverEvent): Promise<void> {
    let acked = false;
    const ack: ReceiverEvent["ack"] = (response) => {
      acked = true;
      return event.ack(response);
    };
    const work = super.processEvent({ ...event, ack });
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
    if (acked) return;
    const { kind, response } = unhandled(event.body);
    this.logger.warn(`No listener handles ${kind}: acknowledged`);
    await event.ack(response);
  }
}

/** Slack's names for things (types, action and callback ids, commands); nothing anyone wrote. */
const NAME = /^[\w./:-]{1,100}$/;

/** What a request no listener acknowledged is, for the log, and the ack it gets. */
function unhandled(body: unknown): { kind: string; response?: { options: [] } } {
  const b = (body ?? {}) as {
    type?: unknown;
    command?: unknown;
    callback_id?: unknown;
    action_id?: unknown;
    actions?: { action_id?: unknown }[];
    view?: { callback_id?: unknown };
  };
  const type = typeof b.type === "string" ? b.type : b.command === undefined ? "" : "command";
  const id = b.actions?.[0]?.action_id ?? b.view?.callback_id ?? b.callback_id ?? b.action_id;
  const named = (value: unknown) => (typeof value === "string" && NAME.test(value) ? value : "");
  const kind = [named(type) || "a request of no known type", named(id ?? b.command)]
    .filter((part) => part !== "")
    .join(" ");
  // An options request wants a list: an empty one shows "no options" instead of an error.
  const options = type === "block_suggestion" || type === "dialog_suggestion";
  return options ? { kind, response: { options: [] } } : { kind };
}

/** GET /healthz: 200 with the scenarios loaded and the state of recording, in either mode. */
function healthHandler(recorder: Recorder, catalog: Catalog) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    // Still 200 when recording fails: answering works; "degraded" says what does not.
    // The error itself (paths, causes) goes to the log, not to an open endpoint.
    const { state, pending, dropped, reopened = 0 } = recorder.health();
    const status = state === "degraded" ? "degraded" : "ok";
    const body = {
      status,
      scenarios: catalog.scenarios.length,
      recording: { state, pending, dropped, reopened },
    };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
}

/** Socket Mode's own HTTP server: GET /healthz, nothing else. */
function healthServer(recorder: Recorder, catalog: Catalog): Server {
  const health = healthHandler(recorder, catalog);
  return createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && pathname === HEALTH_PATH) {
      health(req, res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

/** Listens on `port` (0: any free one); resolves to the port, rejects on EADDRINUSE and such. */
function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function createApp(options: CreateAppOptions): ScenarioApp {
  const { settings, catalog } = options;
  const { connection } = settings;
  const recorder = options.recorder ?? DISABLED_RECORDER;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const boltLogger = withoutDebug(logger);
  const advisor: Advisor = {
    catalog,
    recommender: options.recommender ?? new Recommender(catalog),
    docsBaseUrl: settings.docsBaseUrl,
    recorder,
    adminUserIds: settings.adminUserIds,
  };

  const app = new TrackedApp({
    token: settings.botToken,
    logLevel: settings.logLevel,
    logger: boltLogger,
    // auth.test runs in start(), where a bad token can stop start-up with a clear message.
    deferInitialization: true,
    convoStore: false,
    clientOptions: {
      slackApiUrl: settings.slackApiUrl,
      // A reply is only useful soon: retry briefly, then log and move on (see calls.ts).
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
    },
    ...(connection.mode === "socket"
      ? { socketMode: true, appToken: connection.appToken }
      : {
          // Bolt's HTTPReceiver, screened: see receiver.ts.
          receiver: new ScreenedReceiver({
            signingSecret: connection.signingSecret,
            endpoints: EVENTS_PATH,
            logger: boltLogger,
            customRoutes: [
              { path: HEALTH_PATH, method: ["GET"], handler: healthHandler(recorder, catalog) },
            ],
          }),
        }),
  });

  // One answer per event: a retry of a delivery already handled is dropped (delivery.ts), by
  // this process or, through the database, by an earlier run or another instance on it.
  const seen = new SeenEvents();
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !firstDelivery(eventId, seen, recorder)) {
      logger.debug(`Ignoring a repeat of ${eventId} (retry ${context.retryNum ?? "-"})`);
      return;
    }
    await next();
  });

  registerListeners(app, advisor);

  // Anything a listener did not handle itself ends here: log it, keep serving.
  app.error(async (error) => {
    app.logger.error(`Unexpected error while handling a Slack request: ${describeError(error)}`);
  });

  let started = false;
  let health: Server | undefined;
  const idle = async () => {
    while (app.inFlight.size > 0) await Promise.allSettled([...app.inFlight]);
  };

  return {
    app,
    logger,
    idle,
    async start(host) {
      await checkToken("SLACK_BOT_TOKEN", () => app.init());
      if (connection.mode === "socket") {
        // The health check answers from before the app connects, and while it retries.
        health = healthServer(recorder, catalog);
        const port = await listen(health, connection.healthPort, host);
        logger.info(`Serving ${HEALTH_PATH} on port ${port}`);
        // Started from here: a stop while Bolt connects or retries disconnects it.
        started = true;
        await checkToken("SLACK_APP_TOKEN", () => app.start());
        return { port };
      }
      const server = (await app.start({ port: connection.port, host })) as Server;
      started = true;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      try {
        if (started) await app.stop();
        started = false;
      } finally {
        if (health !== undefined) await close(health);
        health = undefined;
        await idle();
        recorder.close();
      }
    },
  };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
