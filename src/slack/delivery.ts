import type { EventLog } from "../store/event-log.js";

/**
 * Remembers which Events API deliveries were handled. Bolt acknowledges an event before any
 * listener runs, so Slack's retry (X-Slack-Retry-Num) of an event we already have would
 * answer twice; but a retry whose first delivery never arrived (a restart, a proxy error)
 * must still be answered. So deliveries are told apart by `event_id`, not by the retry header.
 */
export class SeenEvents {
  readonly #seen = new Map<string, number>();

  /**
   * @param ttlMs how long an id is remembered: Slack retries within minutes.
   * @param limit at most this many ids are kept; the oldest go first.
   */
  constructor(
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly limit = 50_000,
  ) {}

  /** True the first time an id is offered (within the TTL), false for every repeat. */
  firstTime(eventId: string, now = Date.now()): boolean {
    const seenAt = this.#seen.get(eventId);
    if (seenAt !== undefined && now - seenAt < this.ttlMs) return false;
    this.#seen.delete(eventId);
    this.#seen.set(eventId, now);
    // Map keeps insertion order, so the first keys are the oldest.
    for (const [id, at] of this.#seen) {
      if (this.#seen.size <= this.limit && now - at < this.ttlMs) break;
      this.#seen.delete(id);
    }
    return true;
  }
}

/**
 * Whether an event is new: unknown to this process (`seen`), and to the database shared by
 * restarts and other instances (`log`). When the database cannot tell (recording off or
 * failing), this process's memory decides alone; it is kept up to date either way.
 */
export async function firstDelivery(
  eventId: string,
  seen: SeenEvents,
  log: Pick<EventLog, "firstDelivery">,
): Promise<boolean> {
  const here = seen.firstTime(eventId);
  return here && (await log.firstDelivery(eventId)) !== false;
}
