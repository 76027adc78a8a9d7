/**
 * What an operator watches: one `info` log line per answered request, click and modal
 * submission, and the Prometheus metrics served at GET /metrics (prom-client). Labels hold only
 * bounded values (surfaces, reply kinds, catalog scenario ids, known action ids); never a
 * question's text or a raw Slack id: the workspace is logged as logRef.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyMiddlewareArgs, Context, Logger, Middleware } from "@slack/bolt";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { GuidedAnswer } from "../answer/guided-answer.js";
import type { Reply } from "../answer/reply.js";
import type { Catalog } from "../catalog/types.js";
import type { ClosableInstallationStore } from "../store/installations.js";
import type { RecorderMonitor } from "../store/types.js";
import { GUIDE } from "./blocks/guide-modal.js";
import { ACTION, buttonScenarioId, withoutIndex } from "./buttons.js";
import { logRef } from "./calls.js";

export const METRICS_PATH = "/metrics";
const PREFIX = "scenario_advisor_";
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const ACTIONS = new Set<string>([...Object.values(ACTION), GUIDE.open]);

/** An answered request, as the log line and the metrics see it: bounded values only. */
interface Answered {
  kind: string;
  scenarioId: string | null;
  /** `chosen`: the guided chooser's, picked by the person rather than scored. */
  confidence: "high" | "low" | "chosen" | "none";
  clarify: boolean;
  also: boolean;
  noMatch: boolean;
}

/** What a listener tells about the request it is handling. */
interface Note {
  surface?: string;
  /** null: answering failed, an apology was sent. */
  answered?: Answered | null;
}
/**
 * Each request's note, by its Bolt context: one object per request, which Bolt hands to every
 * middleware and listener of that request. Not an AsyncLocalStorage: on Node 20 that turns on
 * promise hooks for the whole process, a cost on every promise of every request (issue 22).
 */
const notes = new WeakMap<Context, Note>();

/** The note of the request whose Bolt `context` this is; without one (a listener called on its own), nothing. */
function setNote(context: Context | undefined, surface: string, answered: Answered | null): void {
  const current = context === undefined ? undefined : notes.get(context);
  if (current === undefined) return;
  current.surface = surface;
  current.answered = answered;
}

/**
 * A listener's reply (null: answering failed, an apology was sent), for the log line of the
 * request whose Bolt `context` this is.
 */
export function noteReply(
  context: Context | undefined,
  surface: string,
  reply: Reply | null,
): void {
  const answer = reply?.kind === "answer" ? reply.answer : undefined;
  setNote(
    context,
    surface,
    reply && {
      kind: reply.kind,
      scenarioId: answer?.match?.scenario.id ?? null,
      confidence: answer?.confidence ?? "none",
      clarify: answer?.clarify != null,
      also: answer?.also != null,
      noMatch: answer !== undefined && answer.match === null,
    },
  );
}

/**
 * The guided chooser's answer (null: it failed, an apology was sent): an answer on surface
 * `guide`, its card chosen by the person rather than scored.
 */
export function noteGuided(context: Context | undefined, guided: GuidedAnswer | null): void {
  setNote(
    context,
    "guide",
    guided && {
      kind: "answer",
      scenarioId: guided.match.scenario.id,
      confidence: "chosen",
      clarify: false,
      also: guided.also !== null,
      noMatch: false,
    },
  );
}

let processRegistry: Registry | undefined;
/** Node's default metrics, once per process. */
function processMetrics(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Telemetry {
  readonly registry = new Registry();
  readonly #logger: Logger;
  readonly #scenarioIds: ReadonlySet<string>;
  readonly #answers: Counter<"surface" | "kind" | "scenario" | "confidence">;
  readonly #noMatch: Counter<"surface">;
  readonly #bestGuess: Counter<"surface">;
  readonly #failed: Counter<"surface">;
  readonly #latency: Histogram<"surface">;
  readonly #interactions: Counter<"type" | "action">;
  readonly #apiCalls: Counter<"method">;
  readonly #apiFailures: Counter<"method">;
  readonly #duplicates: Counter;

  /** `installations`: OAuth mode's store, whose rows the installations gauge counts. */
  constructor(
    logger: Logger,
    catalog: Catalog,
    recorder: RecorderMonitor,
    installations?: Pick<ClosableInstallationStore, "count">,
  ) {
    this.#logger = logger;
    this.#scenarioIds = new Set(catalog.scenarios.map((s) => s.id));
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
      new Counter<L>({ name: `${PREFIX}${name}`, help, labelNames, registers });
    this.#answers = counter("answers_total", "Requests answered.", [
      "surface",
      "kind",
      "scenario",
      "confidence",
    ]);
    this.#noMatch = counter("no_match_total", "Questions answered with no scenario.", ["surface"]);
    this.#bestGuess = counter("best_guess_total", "Answers given as a best guess.", ["surface"]);
    this.#failed = counter("answers_failed_total", "Answers that failed (an apology).", [
      "surface",
    ]);
    this.#latency = new Histogram({
      name: `${PREFIX}answer_duration_seconds`,
      help: "Time from a request reaching the app to its reply sent.",
      labelNames: ["surface"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#interactions = counter("interactions_total", "Button clicks and modal submissions.", [
      "type",
      "action",
    ]);
    this.#apiCalls = counter("slack_api_calls_total", "Slack Web API requests.", ["method"]);
    this.#apiFailures = counter("slack_api_failures_total", "Slack Web API requests failed.", [
      "method",
    ]);
    this.#duplicates = counter("duplicate_deliveries_total", "Repeat deliveries skipped.", []);
    const stats = () => recorder.stats();
    new Gauge({
      name: `${PREFIX}recording_queue_depth`,
      help: "Records waiting to be written.",
      registers,
      collect() {
        this.set(stats().pending);
      },
    });
    if (installations !== undefined) {
      // Every workspace's installation, read from the database at each scrape (instances that
      // share it report the same number). A database that cannot say keeps the last count.
      new Gauge({
        name: `${PREFIX}installations`,
        help: "Workspaces the app is installed in (OAuth mode).",
        registers,
        async collect() {
          try {
            this.set(await installations.count());
          } catch {
            // The lookups' own health says the database is unreadable.
          }
        },
      });
    }
    for (const [name, read] of [
      ["recording_writes_total", () => stats().written],
      ["recording_retries_total", () => stats().retries],
      ["recording_dropped_total", () => stats().dropped],
    ] as const) {
      new Counter({
        name: `${PREFIX}${name}`,
        help: `Recording: ${name.split("_")[1]}.`,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    }
  }

  #scenario(id: string | null | undefined): string {
    if (id === null || id === undefined) return "none";
    return this.#scenarioIds.has(id) ? id : "other";
  }

  duplicateSkipped(): void {
    this.#duplicates.inc();
  }

  /**
   * Bolt global middleware: times each request and writes its line once it is handled. With
   * `admit`, a request it refuses (resolves false) goes no further, and is timed and logged as
   * any other (no answer: no line).
   */
  middleware(
    admit?: (body: AnyMiddlewareArgs["body"], context: Context) => Promise<boolean>,
  ): Middleware<AnyMiddlewareArgs> {
    return async ({ body, context, next }) => {
      const started = performance.now();
      const note: Note = {};
      notes.set(context, note);
      if (admit === undefined || (await admit(body, context))) await next();
      notes.delete(context);
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const workspace = typeof context.teamId === "string" ? logRef(context.teamId) : null;
      if (note.surface !== undefined && note.answered !== undefined) {
        this.#answered(note.surface, note.answered, ms, workspace);
        return;
      }
      const type = (body as { type?: unknown }).type;
      if (type === "block_actions" || type === "view_submission") {
        this.#interacted(type, body, ms, workspace);
      }
    };
  }

  #answered(
    surface: string,
    answered: Answered | null,
    ms: number,
    workspace: string | null,
  ): void {
    const kind = answered?.kind ?? "error";
    const scenario = this.#scenario(answered?.scenarioId);
    const confidence = answered?.confidence ?? "none";
    this.#answers.inc({ surface, kind, scenario, confidence });
    if (answered?.noMatch) this.#noMatch.inc({ surface });
    if (confidence === "low") this.#bestGuess.inc({ surface });
    if (answered === null) this.#failed.inc({ surface });
    this.#latency.observe({ surface }, ms / 1000);
    this.#logger.info("Answered", {
      event: "answer",
      surface,
      kind,
      scenario,
      confidence,
      clarify: answered?.clarify ?? false,
      also: answered?.also ?? false,
      ms,
      workspace,
    });
  }

  #interacted(type: string, body: unknown, ms: number, workspace: string | null): void {
    const click = type === "block_actions";
    const b = body as {
      actions?: { action_id?: unknown; value?: unknown }[];
      view?: { callback_id?: unknown };
    };
    const raw = click ? b.actions?.[0]?.action_id : b.view?.callback_id;
    const id = typeof raw === "string" ? withoutIndex(raw) : "";
    const action = ACTIONS.has(id) || id === GUIDE.callbackId ? id : "other";
    const scenario = this.#scenario(click ? buttonScenarioId(b.actions?.[0]?.value) : null);
    this.#interactions.inc({ type: click ? "click" : "submission", action });
    this.#logger.info(click ? "Button clicked" : "Modal submitted", {
      event: click ? "click" : "submission",
      action,
      scenario,
      ms,
      workspace,
    });
  }

  /** A fetch for the Web API clients that counts requests and failures by method. */
  slackFetch(slackApiUrl: string): typeof fetch {
    const known = new Set<string>();
    const methodOf = (url: string) => {
      const name = url.startsWith(slackApiUrl) ? url.slice(slackApiUrl.length).split("?")[0] : "";
      if (name === undefined || !/^[a-z]+(\.[a-zA-Z0-9]+)+$/.test(name)) return "other";
      if (!known.has(name) && known.size >= 50) return "other";
      known.add(name);
      return name;
    };
    return async (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      const method = methodOf(url);
      this.#apiCalls.inc({ method });
      try {
        const response = await fetch(input, init);
        if (response.status !== 200) this.#apiFailures.inc({ method });
        else this.#countOkFalse(response, method);
        return response;
      } catch (error) {
        this.#apiFailures.inc({ method });
        throw error;
      }
    };
  }

  /**
   * Counts a 200 whose JSON says `ok: false` (or is no JSON) as a failure, when its reader (the
   * Web API client, which reads every body with text()) reads it. Not by reading a clone: a
   * clone tees the body stream, and the tee and the second read cost more than the rest of the
   * call (issue 22's mention profile).
   */
  #countOkFalse(response: Response, method: string): void {
    const text = response.text.bind(response);
    const failed = () => this.#apiFailures.inc({ method });
    const read = async () => {
      const body = await text();
      try {
        if ((JSON.parse(body) as { ok?: unknown } | null)?.ok === false) failed();
      } catch {
        failed();
      }
      return body;
    };
    Object.defineProperty(response, "text", { value: read });
  }

  /** GET /metrics: this app's metrics, then the process's. */
  handler() {
    return (_req: IncomingMessage, res: ServerResponse): void => {
      Promise.all([this.registry.metrics(), processMetrics().metrics()]).then(
        ([app, proc]) => {
          res.writeHead(200, { "content-type": this.registry.contentType });
          res.end(`${app}\n${proc}`);
        },
        () => {
          res.writeHead(500);
          res.end();
        },
      );
    };
  }
}
