import type { EventEmitter } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type Logger, type ReceiverEvent } from "@slack/bolt";
import type { Services } from "../answer/reply.js";
import type { Catalog } from "../catalog/types.js";
import { type AppSettings, checkToken } from "../config/settings.js";
import { Recommender } from "../matching/recommender.js";
import type { ClosableInstallationStore } from "../store/installations.js";
import { DISABLED_RECORDER, type Recorder } from "../store/types.js";
import { describeError } from "./calls.js";
import { boundedClients } from "./clients.js";
import { firstDelivery, SeenEvents } from "./delivery.js";
import { type Clock, WeeklyDigest, workspaceResolver } from "./digest.js";
import { closeServer, HEALTH_PATH, healthHandler, healthServer, listen } from "./health.js";
import { registerUninstall } from "./listeners/events/uninstall.js";
import { registerListeners } from "./listeners/index.js";
import { createLogger, withoutDebug } from "./logger.js";
import { ScreenedReceiver } from "./receiver.js";
import { MetadataSeal } from "./seal.js";
import { METRICS_PATH, Telemetry } from "./telemetry.js";
import { unhandledRequest } from "./unhandled.js";

export { HEALTH_PATH } from "./health.js";
export const EVENTS_PATH = "/slack/events";
/** OAuth mode: where installing starts, and where Slack sends the installer back. */
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";
/** The bot scopes the OAuth install asks for: manifest.yml's. */
export const BOT_SCOPES = [
  "app_mentions:read",
  "assistant:write",
  "chat:write",
  "commands",
  "im:history",
] as const;

export interface CreateAppOptions {
  settings: AppSettings;
  catalog: Catalog;
  /** Defaults to the TF-IDF recommender over `catalog`. */
  recommender?: Services["recommender"];
  /** Defaults to JSON lines (pino) at `settings.logLevel`; Bolt gets it without debug. */
  logger?: Logger;
  /** Where answers and feedback are recorded; the app closes it on stop. Defaults to none. */
  recorder?: Recorder;
  /** OAuth mode (settings.oauth): where installations are kept; the app closes it on stop. */
  installationStore?: ClosableInstallationStore;
  /** The weekly digest's clock (tests run one); defaults to the system's. */
  clock?: Clock;
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
  /** The weekly digest, when DIGEST_CHANNEL is set; it runs from start() to stop(). */
  readonly digest: WeeklyDigest | undefined;
}

/**
 * Bolt's App, counting the events it is handling so that shutdown (and tests) can wait for them,
 * and acknowledging whatever no listener did (an action, view, shortcut or options request we
 * have no listener for), so that Slack never shows an error for want of an ack.
 */
class TrackedApp extends App {
  readonly inFlight = new Set<Promise<void>>();

  constructor(options: ConstructorParameters<typeof App>[0]) {
    super(options);
    // Bolt's client pool per team, bounded (clients.ts).
    Reflect.set(this, "clients", boundedClients());
  }

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
    const { kind, response } = unhandledRequest(event.body);
    this.logger.warn(`No listener handles ${kind}: acknowledged`);
    await event.ack(response);
  }
}

export function createApp(options: CreateAppOptions): ScenarioApp {
  const { settings, catalog } = options;
  const { connection } = settings;
  const recorder = options.recorder ?? DISABLED_RECORDER;
  const logger = options.logger ?? createLogger(settings.logLevel);
  const boltLogger = withoutDebug(logger);
  const services: Services = {
    catalog,
    recommender: options.recommender ?? new Recommender(catalog),
    docsBaseUrl: settings.docsBaseUrl,
    recorder,
    adminUserIds: settings.adminUserIds,
  };

  const installations = options.installationStore;
  const telemetry = new Telemetry(logger, catalog, recorder, installations);
  const metricsRoute = settings.metrics
    ? [{ path: METRICS_PATH, method: ["GET"], handler: telemetry.handler() }]
    : [];
  const clientOptions = {
    slackApiUrl: settings.slackApiUrl,
    fetch: telemetry.slackFetch(settings.slackApiUrl),
    // A reply is only useful soon: retry briefly, then log and move on (see calls.ts).
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
  const { oauth } = settings;
  if (oauth && !installations) throw new Error("OAuth mode needs an installation store");
  // One workspace with its bot token, or many: Bolt's installer (in the receiver) serves
  // /slack/install and /slack/oauth_redirect, and authorizes each request with the workspace's
  // stored token.
  const installer = oauth && {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore: installations,
    installerOptions: {
      directInstall: true,
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      clientOptions,
      // Each state used once, kept in the database with the installations (installations.ts).
      ...(installations?.stateStore && { stateStore: installations.stateStore }),
      // Socket Mode serves the install pages on a port of their own.
      ...(connection.mode === "socket" && { port: oauth.installPort }),
    },
  };

  const app = new TrackedApp({
    ...(installer ? {} : { token: settings.botToken }),
    logLevel: settings.logLevel,
    logger: boltLogger,
    // auth.test runs in start(), where a bad token can stop start-up with a clear message.
    deferInitialization: true,
    convoStore: false,
    clientOptions,
    ...(connection.mode === "socket"
      ? { socketMode: true, appToken: connection.appToken, ...installer }
      : {
          // Bolt's HTTPReceiver, screened: see receiver.ts.
          receiver: new ScreenedReceiver({
            signingSecret: connection.signingSecret,
            endpoints: EVENTS_PATH,
            logger: boltLogger,
            customRoutes: [
              {
                path: HEALTH_PATH,
                method: ["GET"],
                handler: healthHandler(recorder, catalog, installations),
              },
              ...metricsRoute,
            ],
            ...installer,
          }),
        }),
  });

  // One answer per event: a retry of a delivery already handled is dropped (delivery.ts), by
  // this process or, through the database, by an earlier run or another instance on it.
  // Timing and de-duplication in one middleware: Bolt spreads every middleware's arguments
  // into a new object per call, a cost on every request (issue 22).
  const seen = new SeenEvents();
  app.use(
    telemetry.middleware(async (body, context) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId !== "string" || (await firstDelivery(eventId, seen, recorder)))
        return true;
      telemetry.duplicateSkipped();
      logger.debug(`Ignoring a repeat of ${eventId} (retry ${context.retryNum ?? "-"})`);
      return false;
    }),
  );

  // private_metadata sealed with a key derived from the app's own secret (seal.ts).
  const seal = new MetadataSeal(
    connection.mode === "http" ? connection.signingSecret : connection.appToken,
  );
  registerListeners(app, services, seal);
  if (installations) registerUninstall(app, installations);

  const digest =
    settings.digest &&
    new WeeklyDigest({
      settings: settings.digest,
      services,
      client: app.client,
      logger,
      workspaceOf: workspaceResolver(app.client, installations),
      // Question text is recorded whenever recording is on.
      showQuestions: settings.recording.enabled,
      ...(options.clock && { clock: options.clock }),
    });

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
    digest,
    async start(host) {
      await checkToken("SLACK_BOT_TOKEN", () => app.init());
      if (connection.mode === "socket") {
        // The health check answers from before the app connects, and while it retries.
        // Disconnected from the start until Slack says hello, and after a drop until again.
        let slackState: "connected" | "disconnected" = "disconnected";
        const socket = (Reflect.get(app, "receiver") as { client?: EventEmitter }).client;
        socket?.on("connected", () => {
          slackState = "connected";
        });
        for (const state of [
          "connecting",
          "reconnecting",
          "disconnecting",
          "disconnected",
          "close",
        ])
          socket?.on(state, () => {
            slackState = "disconnected";
          });
        health = healthServer(
          recorder,
          catalog,
          installations,
          settings.metrics ? telemetry.handler() : undefined,
          () => slackState,
        );
        const port = await listen(health, connection.healthPort, host);
        logger.info(`Serving ${HEALTH_PATH} on port ${port}`);
        // Started from here: a stop while Bolt connects or retries disconnects it.
        started = true;
        await checkToken("SLACK_APP_TOKEN", () => app.start());
        digest?.start();
        return { port };
      }
      const server = (await app.start({ port: connection.port, host })) as Server;
      started = true;
      digest?.start();
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      try {
        if (started) await app.stop();
        started = false;
      } finally {
        if (health !== undefined) await closeServer(health);
        health = undefined;
        await digest?.stop();
        await idle();
        await Promise.all([recorder.close(), installations?.close()]);
      }
    },
  };
}
