/**
 * OAuth mode on PostgreSQL: an installation lookup that cannot read the database in time (the
 * table locked, the server frozen) answers with the installation last read within about a second,
 * well inside Slack's 3 s, and health says "degraded" meanwhile. (SQLite reads never wait for a
 * lock in WAL mode: this is PostgreSQL's case.)
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Installation } from "@slack/bolt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LOOKUP_TIMEOUT_MS } from "../../src/store/installations.js";
import { createInstallationStore } from "../../src/store/open-store.js";
import { connect, describePg, freshDatabase } from "../helpers/postgres.js";
import { findPgBin, type PgCluster, startCluster } from "../helpers/postgres-server.js";

const KEY = randomBytes(32);
const log = { warn: () => {}, error: () => {}, info: () => {} };
/** The bound a test allows a lookup: the timeout and some slack for a busy machine. */
const BOUND_MS = LOOKUP_TIMEOUT_MS + 700;

function installation(team: string): Installation<"v2", false> {
  return {
    team: { id: team, name: "A workspace" },
    enterprise: undefined,
    isEnterpriseInstall: false,
    user: { id: "U1", token: undefined, scopes: undefined },
    bot: { id: "B1", userId: "UBOT", scopes: ["chat:write"], token: `xoxb-${team}-secret` },
    tokenType: "bot",
    appId: "A1",
    authVersion: "v2",
  } as Installation<"v2", false>;
}

const t1 = { teamId: "T1", enterpriseId: undefined, isEnterpriseInstall: false };
const t2 = { teamId: "T2", enterpriseId: undefined, isEnterpriseInstall: false };

async function timed<T>(
  work: Promise<T>,
): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const start = performance.now();
  const [result] = await Promise.allSettled([work]);
  return { ms: performance.now() - start, result: result as PromiseSettledResult<T> };
}

function settings(url: string) {
  return { enabled: false, retentionDays: 90, databasePath: ":memory:", databaseUrl: url };
}

describePg("installation lookups bounded in time (PostgreSQL)", () => {
  it("answers with the installation last read while the table is locked, and health degrades", async () => {
    const { url } = await freshDatabase();
    const store = createInstallationStore(settings(url), KEY, log);
    await store.storeInstallation(installation("T1"));
    await store.storeInstallation(installation("T2"));
    expect((await store.fetchInstallation(t1)).bot?.token).toBe("xoxb-T1-secret");
    expect(store.health().state).toBe("ok");
    const locker = await connect(url);
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE installations IN ACCESS EXCLUSIVE MODE");
      const known = await timed(store.fetchInstallation(t1));
      expect(known.ms).toBeLessThan(BOUND_MS);
      expect(known.result.status).toBe("fulfilled");
      expect(store.health().state).toBe("degraded");
      // Never read before: refused, in time too (Bolt then answers nothing rather than late).
      const unknown = await timed(store.fetchInstallation(t2));
      expect(unknown.ms).toBeLessThan(BOUND_MS);
      expect(unknown.result.status).toBe("rejected");
    } finally {
      await locker.query("ROLLBACK");
      await locker.end();
    }
    expect((await store.fetchInstallation(t2)).bot?.token).toBe("xoxb-T2-secret");
    expect(store.health().state).toBe("ok");
    await store.close();
  });

  describePg("with the server frozen (SIGSTOP)", () => {
    let cluster: PgCluster | undefined;
    let pids: number[] = [];
    const signal = (name: "SIGSTOP" | "SIGCONT") => {
      for (const pid of pids) {
        try {
          process.kill(pid, name);
        } catch {
          // A backend that has ended since: nothing to stop or resume.
        }
      }
    };
    beforeAll(async () => {
      const bin = findPgBin();
      if (bin === undefined) throw new Error("no PostgreSQL binaries");
      cluster = await startCluster(bin);
    }, 60_000);
    afterAll(() => {
      signal("SIGCONT");
      cluster?.stop();
    });

    it("answers with the installation last read, and health degrades until it thaws", async () => {
      if (cluster === undefined) throw new Error("no cluster");
      const store = createInstallationStore(settings(cluster.url), KEY, log);
      await store.storeInstallation(installation("T1"));
      expect((await store.fetchInstallation(t1)).bot?.token).toBe("xoxb-T1-secret");
      // The postmaster (first line of postmaster.pid) and every backend it started.
      const postmaster = Number(
        readFileSync(path.join(cluster.dir, "data", "postmaster.pid"), "utf8").split("\n")[0],
      );
      const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(postmaster)], {
        encoding: "utf8",
      });
      pids = [postmaster, ...children.split("\n").filter(Boolean).map(Number)];
      signal("SIGSTOP");
      try {
        for (let i = 0; i < 3; i++) {
          const known = await timed(store.fetchInstallation(t1));
          expect(known.ms).toBeLessThan(BOUND_MS);
          expect(known.result.status).toBe("fulfilled");
        }
        expect(store.health().state).toBe("degraded");
      } finally {
        signal("SIGCONT");
      }
      expect((await store.fetchInstallation(t1)).bot?.token).toBe("xoxb-T1-secret");
      expect(store.health().state).toBe("ok");
      await store.close();
    }, 30_000);
  });
});
