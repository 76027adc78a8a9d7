/**
 * Bolt keeps a Web API client pool per team id (or enterprise id) it has seen, in a plain object
 * it never empties: with Slack Connect, every other organisation's user in a shared channel
 * brings one more, each with its own HTTP agent and queue. This replaces that object with one
 * that keeps the CLIENT_CACHE_LIMIT teams used last; a team evicted and seen again gets a new
 * client (a call in flight keeps the one it has).
 */

/** Teams whose Web API clients are kept; more teams are served, the least recent evicted. */
export const CLIENT_CACHE_LIMIT = 1_000;

/**
 * An object for Bolt's `clients` field (App.js reads `clients[teamId]` and assigns to it),
 * backed by a Map in least-recently-used order of at most `limit` entries.
 */
export function boundedClients(limit: number = CLIENT_CACHE_LIMIT): Record<string, unknown> {
  const entries = new Map<string, unknown>();
  return new Proxy({} as Record<string, unknown>, {
    get(_target, key) {
      if (typeof key !== "string" || !entries.has(key)) return undefined;
      const value = entries.get(key);
      // Used now: to the end of the order.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(_target, key, value) {
      if (typeof key !== "string") return false;
      entries.delete(key);
      entries.set(key, value);
      while (entries.size > limit) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
      return true;
    },
    has: (_target, key) => typeof key === "string" && entries.has(key),
    deleteProperty: (_target, key) => typeof key === "string" && entries.delete(key),
    ownKeys: () => [...entries.keys()],
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === "string" && entries.has(key)
        ? { value: entries.get(key), writable: true, enumerable: true, configurable: true }
        : undefined,
  });
}
