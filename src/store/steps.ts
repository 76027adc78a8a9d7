/**
 * Code written once for both engines, although SQLite (better-sqlite3) answers synchronously and
 * PostgreSQL asynchronously: `drive` runs a sequence of steps synchronously for as long as no step
 * returns a promise, so that a SQLite write is committed when the call returns. And the two
 * helpers every database use shares: a deadline, and a set-up that is tried again after a failure.
 */

/** A value now (SQLite), or later (PostgreSQL). */
export type MaybePromise<T> = T | Promise<T>;

/** Steps written as a generator: each `yield` hands over a value or a promise, and gets it back settled. */
export type Steps<T> = Generator<unknown, T, unknown>;

/**
 * Runs `steps`: synchronously while each `yield`s a plain value (then the result is the plain
 * value, or the exception is thrown), asynchronously from the first promise on (then the result
 * is a promise; a rejection is thrown into the generator at its `yield`).
 */
export function drive<T>(steps: Steps<T>): MaybePromise<T> {
  const go = (step: () => IteratorResult<unknown, T>): MaybePromise<T> => {
    for (;;) {
      const { done, value } = step();
      if (done) return value as T;
      if (value instanceof Promise) {
        return value.then(
          (settled: unknown) => go(() => steps.next(settled)),
          (error: unknown) => go(() => steps.throw(error)),
        );
      }
      step = () => steps.next(value);
    }
  };
  return go(() => steps.next());
}

/**
 * `work`, or the rejection `timeout()` makes after `ms`. The timer never holds the process open,
 * and `work` settling after the deadline is dropped, not an unhandled rejection.
 */
export function within<T>(work: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
    timer.unref();
  });
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * `make()`, made once and kept once it succeeds (opening, migrating, reading the salt); a failure
 * is forgotten, so that the next call tries again.
 */
export function untilSucceeded<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    if (made === undefined) {
      const attempt = make();
      made = attempt;
      attempt.catch(() => {
        if (made === attempt) made = undefined;
      });
    }
    return made;
  };
}
