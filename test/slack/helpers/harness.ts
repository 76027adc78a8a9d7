/**
 * The Slack app under test, as the tests drive it: the real Bolt app on its HTTP receiver on
 * loopback, its Web API pointed at a fake Slack (fake-slack.ts), its log kept in memory, and
 * requests signed as Slack signs them (signed.ts). After each request it waits for the handlers
 * still running (`app.idle()`), so nothing here waits on time: a reply that did not happen by
 * then will never happen.
 *
 *     const harness = useSlackHarness({ recorder });   // started before the suite's tests
 *     const { body } = await harness.command("mobile app calling our api");
 */
import { afterAll, afterEach, beforeAll, onTestFinished } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../../src/catalog/load.js";
import type { Catalog } from "../../../src/catalog/types.js";
import type { AppSettings } from "../../../src/config/settings.js";
import { type CreateAppOptions, createApp, type ScenarioApp } from "../../../src/slack/app.js";
import { FakeSlack } from "./fake-slack.js";
import { MemoryLogger } from "./logger.js";
import { testSettings } from "./settings.js";
import {
  blockActionsBody,
  eventBody,
  type PostOptions,
  postSigned,
  slashCommandBody,
} from "./signed.js";

type Json = Record<string, unknown>;

let bundled: Catalog | undefined;

/** The shipped cards (scenarios/), loaded once per test file. */
export function bundledCatalog(): Catalog {
  bundled ??= loadCatalog(DEFAULT_SCENARIOS_DIR);
  return bundled;
}

/** How an app is made: testSettings() with `settings` over it, and createApp's other options. */
export interface HarnessAppOptions extends Omit<CreateAppOptions, "settings" | "catalog"> {
  settings?: Partial<AppSettings>;
  /** The shipped cards by default. */
  catalog?: Catalog;
}

/** A running app: its base URL (http://127.0.0.1:port). */
export interface RunningApp {
  app: ScenarioApp;
  base: string;
}

export class SlackHarness {
  readonly slack = new FakeSlack();
  readonly logger = new MemoryLogger();
  #running: RunningApp | undefined;
  #slackStarted = false;

  /** The app the requests go to. */
  get app(): ScenarioApp {
    return this.#current().app;
  }

  /** Its base URL, http://127.0.0.1:port. */
  get base(): string {
    return this.#current().base;
  }

  /** Where Slack sends events, commands and interactions. */
  get eventsUrl(): string {
    return `${this.base}/slack/events`;
  }

  /** The fake Slack (once), then an app on it; the app's log goes to `logger` unless told. */
  async start(options: HarnessAppOptions = {}): Promise<this> {
    if (!this.#slackStarted) {
      await this.slack.start();
      this.#slackStarted = true;
    }
    this.#running = await this.#startApp(options);
    return this;
  }

  /** Stops the app and starts another with `options`, on the same fake Slack. */
  async restart(options: HarnessAppOptions = {}): Promise<void> {
    await this.#running?.app.stop();
    this.#running = undefined;
    await this.start(options);
  }

  /**
   * A second app on the same fake Slack, for the test that calls this: stopped when that test
   * ends. Requests to it go through `base`, not through the harness's helpers.
   */
  async other(options: HarnessAppOptions = {}): Promise<RunningApp> {
    const running = await this.#startApp(options);
    onTestFinished(() => running.app.stop());
    return running;
  }

  /** Stops the app, then the fake Slack. */
  async stop(): Promise<void> {
    await this.#running?.app.stop();
    this.#running = undefined;
    if (this.#slackStarted) await this.slack.close();
    this.#slackStarted = false;
  }

  /** Forgets the calls the fake Slack saw (and its failures and holds) and the log lines. */
  reset(): void {
    this.slack.reset();
    this.logger.lines.length = 0;
  }

  /** A signed request, as Slack sends it; resolves once the app has finished with it. */
  async post(kind: "json" | "form", body: string, options: PostOptions = {}): Promise<Response> {
    const res = await postSigned(this.eventsUrl, kind, body, options);
    await this.app.idle();
    return res;
  }

  /** `/scenario text`; the app's acknowledgement. */
  async command(text: string, responseUrl = this.slack.responseUrl("cmd")) {
    const res = await this.post("form", slashCommandBody(text, responseUrl));
    return {
      status: res.status,
      body: (await res.json()) as { response_type: string; text: string; blocks: Json[] },
    };
  }

  /** An Events API event (in a signed event_callback). */
  event(
    ev: Json,
    options: { headers?: Record<string, string>; eventId?: string } = {},
  ): Promise<Response> {
    return this.post("json", eventBody(ev, options.eventId), { headers: options.headers ?? {} });
  }

  /** A click on a button (a block_actions payload). */
  click(opts: Parameters<typeof blockActionsBody>[0]): Promise<Response> {
    return this.post("form", blockActionsBody(opts));
  }

  #current(): RunningApp {
    if (this.#running === undefined) throw new Error("the harness's app is not started");
    return this.#running;
  }

  async #startApp({ settings, catalog, ...rest }: HarnessAppOptions): Promise<RunningApp> {
    const app = createApp({
      settings: testSettings(this.slack.apiUrl, settings),
      catalog: catalog ?? bundledCatalog(),
      logger: this.logger,
      ...rest,
    });
    const { port } = await app.start("127.0.0.1");
    return { app, base: `http://127.0.0.1:${port}` };
  }
}

/**
 * What is forgotten after each test: the fake Slack's calls and the log (`all`), the calls only
 * (`slack`, for a file whose checks on the log span its tests), or nothing (`none`, for tests
 * that build on each other's calls).
 */
export type ResetAfterEach = "all" | "slack" | "none";

/**
 * A harness whose app runs for the calling suite (a file, or a describe): started before its
 * tests with `options` (or what the function gives, when they must be made then, such as a
 * fresh database), reset after each test as `reset` says, stopped after all.
 */
export function useSlackHarness(
  options: HarnessAppOptions | (() => HarnessAppOptions | Promise<HarnessAppOptions>) = {},
  { reset = "all" }: { reset?: ResetAfterEach } = {},
): SlackHarness {
  const harness = new SlackHarness();
  beforeAll(async () => {
    await harness.start(typeof options === "function" ? await options() : options);
  });
  afterAll(() => harness.stop());
  afterEach(() => {
    if (reset === "all") harness.reset();
    else if (reset === "slack") harness.slack.reset();
  });
  return harness;
}
