/**
 * The weekly digest: at DIGEST_SCHEDULE, each workspace's summary of the week goes to its
 * channel. Every instance runs this; the database decides which one posts (one row per
 * workspace and week, claimed with INSERT … ON CONFLICT DO NOTHING), so a week is posted once
 * across instances and restarts. On start the latest due week is posted if nobody has: a missed
 * week is posted once, never every week missed. A week without questions is never posted. A
 * post that fails gives its claim back, and the next check (within the hour) tries again.
 */
import type { InstallationStore, Logger, webApi } from "@slack/bolt";
import type { Services } from "../answer/reply.js";
import type { DigestSettings, DigestTarget } from "../config/settings.js";
import { digestFigures } from "../digest/figures.js";
import { lastDue, nextDue } from "../digest/schedule.js";
import { digestMessage } from "./blocks/digest.js";
import { describeError, logRef, safely } from "./calls.js";

/** Time, and waiting for it: injected, so that tests run a week without waiting. */
export interface Clock {
  now(): number;
  /** Runs `run` in `ms`; the timer must not keep the process alive. */
  setTimer(run: () => void, ms: number): { cancel(): void };
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimer(run, ms) {
    const timer = setTimeout(run, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** Checks at least this often, so that a clock that jumps (a suspended host) is caught up. */
const MAX_WAIT_MS = 60 * 60 * 1000;

/** A target's workspace and the token to post with (undefined: the app's own token). */
export type WorkspaceOf = (
  target: DigestTarget,
) => Promise<{ workspaceId: string; token?: string | undefined } | null>;

export interface WeeklyDigestOptions {
  settings: DigestSettings;
  services: Services;
  client: webApi.WebClient;
  logger: Logger;
  workspaceOf: WorkspaceOf;
  /** Whether the digest may list questions: only when their text is recorded. */
  showQuestions: boolean;
  clock?: Clock;
}

export class WeeklyDigest {
  readonly #options: WeeklyDigestOptions & { clock: Clock };
  #timer: { cancel(): void } | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = true;

  constructor(options: WeeklyDigestOptions) {
    this.#options = { clock: SYSTEM_CLOCK, ...options };
  }

  /** Posts the latest due week where nobody has yet, then waits for the next. */
  start(): void {
    this.#stopped = false;
    this.#run();
  }

  /** Stops the timer; resolves once a digest being posted is done. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    await this.#running;
  }

  /** Resolves once the digest being posted (if any) is done. */
  settled(): Promise<void> {
    return this.#running;
  }

  #run(): void {
    this.#running = this.#running.then(async () => {
      if (this.#stopped) return;
      try {
        await this.postDue();
      } catch (error) {
        this.#options.logger.error(`The weekly digest failed: ${describeError(error)}`);
      }
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#stopped) return;
    const { clock, settings } = this.#options;
    const now = clock.now();
    const wait = Math.max(0, Math.min(nextDue(now, settings.schedule) - now, MAX_WAIT_MS));
    this.#timer = clock.setTimer(() => this.#run(), wait);
  }

  /** Posts the latest due week's digest of each target that nobody has posted. */
  async postDue(): Promise<void> {
    const { clock, settings } = this.#options;
    const due = lastDue(clock.now(), settings.schedule);
    for (const target of settings.targets) await this.#postOne(target, due);
  }

  async #postOne(target: DigestTarget, due: number): Promise<void> {
    const { services, client, logger, workspaceOf, showQuestions } = this.#options;
    const workspace = await workspaceOf(target);
    if (workspace === null) {
      logger.warn(
        `No weekly digest for workspace ${logRef(target.workspaceId ?? "")}: not installed`,
      );
      return;
    }
    const { workspaceId, token } = workspace;
    const figures = await services.recorder.read("reading the weekly digest", (sql) =>
      digestFigures(sql, services, workspaceId, due),
    );
    // Nothing to say (or the records cannot be read): no post, and the week stays unclaimed.
    if (figures === undefined || figures.week.answered === 0) return;
    const week = new Date(due).toISOString();
    if ((await services.recorder.claimDigest(workspaceId, week)) !== true) return;
    const message = digestMessage(figures, { showQuestions });
    const channel = target.channel;
    const posted = await safely(logger, "Posting the weekly digest", { channel }, () =>
      client.chat.postMessage({
        channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
        // Many workspaces: the workspace's own bot token; one: the app's.
        ...(token !== undefined && { token }),
      }),
    );
    if (posted) {
      logger.info(`Posted the weekly digest of ${week} to ${logRef(channel)}`);
    } else {
      // Given back: the next check (within the hour) tries again, on whichever instance.
      await services.recorder.releaseDigest(workspaceId, week);
    }
  }
}

/**
 * A target's workspace: one workspace's is the bot token's own (auth.test, asked once); many
 * workspaces' are named in DIGEST_CHANNEL and post with the token stored at installation.
 */
export function workspaceResolver(
  client: webApi.WebClient,
  installations: Pick<InstallationStore, "fetchInstallation"> | undefined,
): WorkspaceOf {
  let own: string | undefined;
  return async (target) => {
    if (target.workspaceId === undefined) {
      own ??= (await client.auth.test()).team_id;
      return own === undefined ? null : { workspaceId: own };
    }
    if (installations === undefined) return { workspaceId: target.workspaceId };
    const enterprise = target.workspaceId.startsWith("E");
    try {
      const installation = await installations.fetchInstallation({
        teamId: enterprise ? undefined : target.workspaceId,
        enterpriseId: enterprise ? target.workspaceId : undefined,
        isEnterpriseInstall: enterprise,
      });
      const token = installation.bot?.token;
      return token === undefined ? null : { workspaceId: target.workspaceId, token };
    } catch {
      // Not installed (or uninstalled since): nothing to post with.
      return null;
    }
  };
}
