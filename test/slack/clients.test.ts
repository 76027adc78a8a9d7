/**
 * Memory with many team ids: Bolt's Web API client per team is kept for the CLIENT_CACHE_LIMIT
 * teams used last (clients.ts), so 10,000 distinct team ids through the real app (single-token
 * mode, as Slack Connect brings them) keep the cache and the heap bounded. Bounded in
 * time too: 10,000 events straight into Bolt's pipeline, no HTTP, in a few seconds.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { createApp, type ScenarioApp } from "../../src/slack/app.js";
import { boundedClients, CLIENT_CACHE_LIMIT } from "../../src/slack/clients.js";
import { FakeSlack } from "./helpers/fake-slack.js";
import { MemoryLogger } from "./helpers/logger.js";
import { testSettings } from "./helpers/settings.js";

const TEAMS = 10_000;
/**
 * Heap growth allowed for 10,000 team ids, measured after a full garbage collection (before the
 * cache, RSS grew about 420 MB). The heap, not RSS: Node 24 keeps freed pages in the process,
 * so RSS says how much the allocator holds, not what the app keeps alive.
 */
const HEAP_BOUND_MB = 100;

/** The heap in use after a full collection (gc exposed for this measurement only). */
function heapAfterGc(): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe("boundedClients", () => {
  it("keeps the entries used last, up to its limit", () => {
    const clients = boundedClients(2);
    clients.a = 1;
    clients.b = 2;
    expect(clients.a).toBe(1); // a is now the most recent
    clients.c = 3;
    expect(Object.keys(clients).sort()).toEqual(["a", "c"]);
    expect(clients.b).toBeUndefined();
  });
});

describe(`${TEAMS.toLocaleString("en")} team ids`, () => {
  const slack = new FakeSlack();
  let app: ScenarioApp;
  beforeAll(async () => {
    await slack.start();
    app = createApp({
      settings: testSettings(slack.apiUrl, { logLevel: "error" as never }),
      catalog: loadCatalog(DEFAULT_SCENARIOS_DIR),
      logger: new MemoryLogger(),
    });
    await app.app.init();
  });
  afterAll(async () => {
    await slack.close();
  });

  it(`keep at most ${CLIENT_CACHE_LIMIT} clients and the heap within ${HEAP_BOUND_MB} MB more`, async () => {
    const before = heapAfterGc();
    for (let n = 0; n < TEAMS; n++) {
      const team = `T${String(n).padStart(8, "0")}`;
      await app.app.processEvent({
        body: {
          type: "event_callback",
          team_id: team,
          api_app_id: "A0000001",
          event_id: `Ev${n}`,
          event_time: 1_700_000_000,
          authorizations: [{ team_id: team, user_id: "UBOT0000001", is_bot: true }],
          // An event no listener takes: only Bolt's own work, the client included.
          event: { type: "reaction_added", user: "U0000001", item: {}, reaction: "x" },
        },
        ack: async () => {},
      });
    }
    const clients = Reflect.get(app.app, "clients") as Record<string, unknown>;
    expect(Object.keys(clients).length).toBeLessThanOrEqual(CLIENT_CACHE_LIMIT);
    const grownMb = (heapAfterGc() - before) / 2 ** 20;
    expect(grownMb).toBeLessThan(HEAP_BOUND_MB);
  }, 60_000);
});
