/**
 * The one write queue both engines share: bounded (the oldest go first past `maxPending`, counted
 * as dropped), written in batches of one transaction each, retried on a timer while the database
 * fails, and its health (depth, writes, retries, drops, slowness). The writes queued in one
 * event-loop turn are committed together when it ends; group commit holds them for up to
 * `groupCommitMs` instead. The engine is behind `Sink`: how a batch is written, and whether it
 * settles synchronously (SQLite) or with a promise (PostgreSQL).
 */
import { performance } from "node:perf_hooks";
import { drive, type MaybePromise, type Steps, within } from "./steps.js";
import type { Log, RecorderHealth, RecorderStats } from "./types.js";

export interface Sink<W> {
  /** Writes the batch in one transaction; throws (or rejects) when it cannot. */
  write(batch: readonly W[]): MaybePromise<void>;
  /** With nothing queued, checks that the database answers (the retry, the start). */
  probe(): MaybePromise<void>;
  /** A write the database will never take, whatever the retries: dropped, not retried. */
  isRefusal(error: unknown): boolean;
  /** Told of every failure (SQLite: forgets a connection that closed). */
  failed(): void;
}

export interface QueueOptions {
  log: Log;
  /** Writes kept while the database is unavailable; older ones are dropped past this. */
  maxPending: number;
  /** Delay before retrying, in ms. */
  retryMs: number;
  /** Most writes in one batch (one transaction). */
  batchSize: number;
  /** A write still waiting after this long, in ms, makes health "degraded". */
  slowMs: number;
  /** Group commit: holds writes this long, in ms, and commits them together; 0 is off. */
  groupCommitMs: number;
  /** Under group commit, writes this many together at once without waiting for the timer. */
  groupCommitBatch: number;
  /** How long close() may spend writing the queue, in ms (an asynchronous sink). */
  closeTimeoutMs: number;
}

export class WriteQueue<W extends { queuedAt: number }> {
  #pending: W[] = [];
  /** The batch being written: still pending for health(), and back in the queue if it fails. */
  #inFlight: readonly W[] = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;
  /** Under group commit, the timer that commits what waits. */
  #group: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #dropped = 0;
  #written = 0;
  #retries = 0;
  #lastError: string | undefined;
  #closed = false;

  constructor(
    private readonly sink: Sink<W>,
    private readonly options: QueueOptions,
  ) {}

  /**
   * Queues `write`. It is committed with the others queued in the same event-loop turn, in one
   * transaction, as soon as the turn ends (under group commit: when the interval ends, or at once
   * when `groupCommitBatch` wait). While the database fails, the retry timer alone tries again.
   */
  push(write: W): void {
    if (this.#closed) return;
    this.#pending.push(write);
    this.#trim();
    if (this.#retry !== undefined) return;
    const { groupCommitMs, groupCommitBatch } = this.options;
    if (this.#pending.length >= groupCommitBatch) {
      this.#stopGroup();
      void this.#flush(false);
      return;
    }
    if (groupCommitMs > 0) {
      this.#group ??= setTimeout(() => {
        this.#group = undefined;
        void this.#flush(false);
      }, groupCommitMs).unref();
      return;
    }
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#closed) void this.#flush(false);
    });
  }

  /** Writes what is queued now, without waiting for a timer (or checks the database). */
  flush(): MaybePromise<void> {
    if (this.#closed) return;
    this.#stopGroup();
    return this.#flush(true);
  }

  /** A use of the database went well: a failure before is over. */
  succeeded(): void {
    if (this.#lastError !== undefined) this.options.log.info("recording: database available again");
    this.#lastError = undefined;
  }

  /** Logs a failure (once per distinct error), shows it in health(), and schedules a retry. */
  failed(what: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.#lastError) {
      this.options.log.warn(`recording: ${what} failed, will retry (${message})`);
    }
    this.#lastError = message;
    this.sink.failed();
    if (this.#retry !== undefined || this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#retries++;
      void this.#flush(true);
    }, this.options.retryMs);
    this.#retry.unref();
  }

  /** `problem`: what else keeps writes from landing (SQLite: the salt file), if anything. */
  health(problem?: string): RecorderHealth {
    const pending = this.#pending.length + this.#inFlight.length;
    const oldest = this.#inFlight[0]?.queuedAt ?? this.#pending[0]?.queuedAt;
    // Writes held for the turn's or the group's commit wait on purpose; any other wait is a
    // failing or slow database.
    const slow =
      this.#group === undefined &&
      !this.#scheduled &&
      oldest !== undefined &&
      performance.now() - oldest >= this.options.slowMs;
    const lastError =
      this.#lastError ??
      problem ??
      (slow ? `writes waiting longer than ${this.options.slowMs} ms` : undefined);
    return {
      state: lastError === undefined ? "ok" : "degraded",
      pending,
      dropped: this.#dropped,
      ...(lastError ? { lastError } : {}),
    };
  }

  stats(): RecorderStats {
    const pending = this.#pending.length + this.#inFlight.length;
    return { pending, written: this.#written, retries: this.#retries, dropped: this.#dropped };
  }

  /**
   * No more writes or retries; one last go at the queue, even after a failure: at once with a
   * synchronous sink, else for up to `closeTimeoutMs`. Then logs what is left.
   */
  close(): MaybePromise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#stopGroup();
    const written = this.#flushing
      ? this.#flushing.then(() => this.#flush(false))
      : this.#flush(false);
    if (!(written instanceof Promise)) return this.#warnLeft();
    const ms = this.options.closeTimeoutMs;
    return within(written, ms, () => new Error(`writing the queue: no answer within ${ms} ms`))
      .catch(() => {})
      .then(() => this.#warnLeft());
  }

  #warnLeft(): void {
    const left = this.#pending.length + this.#inFlight.length;
    if (left > 0) {
      this.options.log.warn(`recording: ${left} records could not be written before stop`);
    }
  }

  #stopGroup(): void {
    clearTimeout(this.#group);
    this.#group = undefined;
  }

  /** Drops the oldest waiting writes past maxPending. */
  #trim(): void {
    const excess = this.#pending.length + this.#inFlight.length - this.options.maxPending;
    if (excess <= 0) return;
    this.#dropped += this.#pending.splice(0, Math.min(excess, this.#pending.length)).length;
  }

  /** One writer at a time; `probe` checks the database even when nothing waits. */
  #flush(probe: boolean): MaybePromise<void> {
    if (this.#flushing) return this.#flushing;
    const done = drive(this.#drain(probe));
    if (done instanceof Promise) {
      this.#flushing = done.finally(() => {
        this.#flushing = undefined;
      });
      return this.#flushing;
    }
  }

  *#drain(probe: boolean): Steps<void> {
    if (this.#pending.length === 0) {
      if (!probe) return;
      try {
        yield this.sink.probe();
        this.succeeded();
      } catch (error) {
        this.failed("database write", error);
        return;
      }
    }
    // Writes queued meanwhile (a probe of PostgreSQL takes a while) go out too.
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.options.batchSize);
      this.#inFlight = batch;
      try {
        yield this.sink.write(batch);
        this.#written += batch.length;
        this.succeeded();
      } catch (error) {
        if (!this.sink.isRefusal(error)) {
          this.#requeue(batch);
          this.failed("database write", error);
          return;
        }
        // Something in the batch can never be written: find it, write the rest.
        if (!(yield* this.#oneByOne(batch))) return;
      } finally {
        this.#inFlight = [];
      }
    }
  }

  /** Each write on its own, dropping what the database refuses; false if it became unavailable. */
  *#oneByOne(batch: readonly W[]): Steps<boolean> {
    for (let i = 0; i < batch.length; i++) {
      try {
        yield this.sink.write([batch[i] as W]);
        this.#written++;
      } catch (error) {
        if (!this.sink.isRefusal(error)) {
          this.#requeue(batch.slice(i));
          this.failed("database write", error);
          return false;
        }
        this.#dropped++;
        this.options.log.warn(
          `recording: record refused by the database (${(error as Error).message})`,
        );
      }
    }
    this.succeeded();
    return true;
  }

  /** Back at the front of the queue, in order, within its bound. */
  #requeue(batch: readonly W[]): void {
    this.#inFlight = [];
    this.#pending.unshift(...batch);
    this.#trim();
  }
}
