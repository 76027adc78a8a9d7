import type { EventEmitter } from "node:events";
import { webApi } from "@slack/bolt";
import { CatalogError } from "../catalog/catalog-error.js";
import { loadAppSettings, SettingsError } from "../config/settings.js";
import { openCatalog } from "../matching/snapshot.js";
import type { EncryptedInstallationStore } from "../store/installations.js";
import { createInstallationStore, createRecorder } from "../store/open-store.js";
import { createApp, HEALTH_PATH, INSTALL_PATH, type ScenarioApp } from "./app.js";
import { describeError } from "./calls.js";
import { createLogger } from "./logger.js";

export interface StartOptions {
  /** Interface to listen on in HTTP mode; all interfaces by default. */
  host?: string;
  logger?: ScenarioApp["logger"];
  /** Called with the app before it listens or connects (main.ts handles signals from there). */
  onCreated?: (app: ScenarioApp) => void;
}

export interface Running extends ScenarioApp {
  port: number;
}

/**
 * Settings → catalog → app → listening. Throws SettingsError (a bad variable, or a token Slack
 * rejects) or CatalogError (a bad scenario card); both messages are fit to show as they are.
 */
export async function start(env: NodeJS.ProcessEnv, options: StartOptions = {}): Promise<Running> {
  const settings = loadAppSettings(env);
  const { catalog, recommender } = await openCatalog(settings.scenariosDir);
  const logger = options.logger ?? createLogger(settings.logLevel);
  logger.setLevel(settings.logLevel);
  const recorder = createRecorder(settings.recording, logger);
  const installationStore =
    settings.oauth &&
    createInstallationStore(
      settings.recording,
      [settings.oauth.encryptionKey, settings.oauth.previousEncryptionKey].filter(
        (key) => key !== undefined,
      ),
      logger,
    );
  if (installationStore) await checkInstallationKeys(installationStore, logger);
  const scenarioApp = createApp({
    settings,
    catalog,
    recommender,
    logger,
    recorder,
    ...(installationStore && { installationStore }),
  });
  options.onCreated?.(scenarioApp);
  let port: number;
  try {
    ({ port } = await scenarioApp.start(options.host ?? settings.host));
  } catch (error) {
    await scenarioApp.stop();
    throw error;
  }
  const where =
    settings.connection.mode === "socket"
      ? `in Socket Mode (${HEALTH_PATH} on port ${port})`
      : `on port ${port} (HTTP mode)`;
  const install = settings.oauth ? `; installs in many workspaces from ${INSTALL_PATH}` : "";
  scenarioApp.logger.info(
    `Scenario Advisor is running ${where} with ${catalog.scenarios.length} scenarios${install}`,
  );
  return { ...scenarioApp, port };
}

/**
 * Refuses to start when INSTALLATION_ENCRYPTION_KEY (and the previous key, if set) opens none of
 * the stored installations: the app would otherwise answer no one. A database that cannot be
 * read now is no reason not to start (the lookups say so, and health too).
 */
async function checkInstallationKeys(
  store: Pick<EncryptedInstallationStore, "checkKeys" | "close">,
  logger: ScenarioApp["logger"],
): Promise<void> {
  let found: { stored: number; opened: number };
  try {
    found = await store.checkKeys();
  } catch (error) {
    logger.warn(`Could not check the installations' key at start: ${describeError(error)}`);
    return;
  }
  if (found.stored === 0 || found.opened > 0) return;
  await store.close();
  throw new SettingsError(
    `INSTALLATION_ENCRYPTION_KEY opens none of the ${found.stored} stored installations: set the key they were sealed with; to change keys, set the old one as INSTALLATION_ENCRYPTION_KEY_PREVIOUS beside the new one (docs/slack-setup.md, section 8).`,
  );
}

/** The message to print when start-up fails; never includes a setting's value. */
export function startupErrorMessage(error: unknown): string {
  if (error instanceof SettingsError) return `Cannot start: check the settings.\n${error.message}`;
  if (error instanceof CatalogError)
    return `Cannot start: a scenario card is invalid.\n${error.message}`;
  if ((error as { code?: unknown }).code === webApi.ErrorCode.RequestError) {
    return `Cannot start: Slack's Web API is unreachable (${describeError(error)}); check the network and SLACK_API_URL.`;
  }
  return `Cannot start: ${describeError(error)}`;
}

/**
 * A promise rejected with no handler is logged, in one line (the error's first line, never a
 * value it carries), and the app keeps serving: without this, Node ends the process. One bad
 * request must not take down every other conversation.
 */
export function logUnhandledRejections(
  logger: Pick<Running["logger"], "error">,
  target: Pick<EventEmitter, "on"> = process,
): void {
  target.on("unhandledRejection", (reason: unknown) => {
    const what =
      reason instanceof Error
        ? (describeError(reason).split("\n")[0] ?? "").slice(0, 200)
        : `a rejection with ${reason === null ? "null" : `a ${typeof reason}`}`;
    logger.error(`Unhandled promise rejection, kept serving: ${what}`);
  });
}

export interface SignalOptions {
  signals?: Pick<EventEmitter, "on">;
  exit?: (code: number) => void;
  /** How long in-flight work may take before the process exits anyway. */
  graceMs?: number;
}

/**
 * SIGTERM/SIGINT: stop receiving, let in-flight replies finish, exit 0; exit 1 if that takes
 * longer than `graceMs` or on a second signal.
 */
export function stopOnSignals(
  running: Pick<Running, "stop" | "logger">,
  options: SignalOptions = {},
): void {
  const { signals = process, exit = (code) => process.exit(code), graceMs = 5000 } = options;
  const { logger } = running;
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    logger.info(`${signal}: stopping`);
    const deadline = setTimeout(() => {
      logger.error(`Still busy after ${graceMs} ms: exiting anyway`);
      exit(1);
    }, graceMs);
    deadline.unref();
    running.stop().then(
      () => {
        clearTimeout(deadline);
        logger.info("Stopped");
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        logger.error(`Stopping failed: ${describeError(error)}`);
        exit(1);
      },
    );
  };
  for (const signal of ["SIGTERM", "SIGINT"]) signals.on(signal, onSignal);
}
