/** The installation store: tokens sealed with AES-256-GCM, found by workspace or organisation. */
import { randomBytes } from "node:crypto";
import { renameSync, rmSync } from "node:fs";
import path from "node:path";
import type { Installation } from "@slack/bolt";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { RecordingSettings } from "../../src/config/settings.js";
import { openDatabase, sqliteSql } from "../../src/store/database.js";
import {
  EncryptedInstallationStore,
  STATE_TTL_MS,
  seal,
  unseal,
} from "../../src/store/installations.js";
import { createInstallationStore } from "../../src/store/open-store.js";
import type { Sql } from "../../src/store/sql.js";
import { freshDatabase, PG_URL } from "../helpers/postgres.js";
import { tempDir } from "../helpers/tmp.js";

const KEY = randomBytes(32);

function installation(team: string, enterprise?: string): Installation<"v2", boolean> {
  return {
    team: enterprise ? undefined : { id: team, name: "A workspace" },
    enterprise: enterprise ? { id: enterprise, name: "An org" } : undefined,
    isEnterpriseInstall: enterprise !== undefined,
    user: { id: "U1", token: undefined, scopes: undefined },
    bot: { id: "B1", userId: "UBOT", scopes: ["chat:write"], token: `xoxb-${team}-secret` },
    tokenType: "bot",
    appId: "A1",
    authVersion: "v2",
  } as Installation<"v2", boolean>;
}

/** The SQLite statements, and a switch that makes them fail as a database that is down. */
function flakySql(): { sql: Sql; down: (is: boolean) => void; rows: () => unknown[] } {
  const db = openDatabase(":memory:");
  const real = sqliteSql(db);
  let isDown = false;
  const guard = () => {
    if (isDown) throw new Error("connect ECONNREFUSED");
  };
  return {
    sql: {
      dialect: "sqlite",
      all: async (text, params) => {
        guard();
        return real.all(text, params);
      },
      run: async (text, params) => {
        guard();
        return real.run(text, params);
      },
    },
    down: (is) => {
      isDown = is;
    },
    rows: () => db.prepare("SELECT * FROM installations").all(),
  };
}

describe("seal and unseal (AES-256-GCM)", () => {
  it("round-trip, and refuse another key, altered data, or another row's context", () => {
    const sealed = seal(KEY, "xoxb-token", "T1");
    expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain("xoxb");
    expect(unseal(KEY, sealed, "T1")).toBe("xoxb-token");
    expect(seal(KEY, "xoxb-token", "T1")).not.toBe(sealed); // a fresh IV each time
    expect(() => unseal(randomBytes(32), sealed, "T1")).toThrow();
    expect(() => unseal(KEY, sealed, "T2")).toThrow();
    const bytes = Buffer.from(sealed.slice(3), "base64");
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(() => unseal(KEY, `v1:${bytes.toString("base64")}`, "T1")).toThrow();
  });
});

describe("EncryptedInstallationStore", () => {
  it("stores, finds, replaces and deletes by workspace, or by organisation when org-wide", async () => {
    const { sql, rows } = flakySql();
    const store = new EncryptedInstallationStore(sql, KEY);
    await store.storeInstallation(installation("T1"));
    await store.storeInstallation(installation("T2", "E1"));
    expect(JSON.stringify(rows())).not.toContain("xoxb-");
    const byTeam = { teamId: "T1", enterpriseId: undefined, isEnterpriseInstall: false };
    expect((await store.fetchInstallation(byTeam)).bot?.token).toBe("xoxb-T1-secret");
    const byOrg = { teamId: "T9", enterpriseId: "E1", isEnterpriseInstall: true };
    expect((await store.fetchInstallation(byOrg)).enterprise?.id).toBe("E1");

    await store.storeInstallation({ ...installation("T1"), appId: "A2" });
    expect(rows()).toHaveLength(2);
    expect((await store.fetchInstallation(byTeam)).appId).toBe("A2");

    await store.deleteInstallation(byTeam);
    await expect(store.fetchInstallation(byTeam)).rejects.toThrow(
      "no installation for this workspace",
    );
    expect(() => new EncryptedInstallationStore(sql, randomBytes(16))).toThrow(/32 bytes/);
  });

  it("goes on with the installation last read while the database is down, never a deleted one", async () => {
    const { sql, down } = flakySql();
    const store = new EncryptedInstallationStore(sql, KEY);
    const t1 = { teamId: "T1", enterpriseId: undefined, isEnterpriseInstall: false };
    const t2 = { ...t1, teamId: "T2" };
    await store.storeInstallation(installation("T1"));
    await store.storeInstallation(installation("T2"));
    await store.fetchInstallation(t1);
    await store.fetchInstallation(t2);
    await store.deleteInstallation(t2);

    down(true);
    expect((await store.fetchInstallation(t1)).bot?.token).toBe("xoxb-T1-secret");
    await expect(store.fetchInstallation(t2)).rejects.toThrow("ECONNREFUSED");
    down(false);
    await expect(store.fetchInstallation(t2)).rejects.toThrow("no installation for this workspace");
  });
});

/** A store on each engine, through the factory the app uses: SQLite in a file, PostgreSQL. */
const engines: Array<[string, () => Promise<{ settings: RecordingSettings }>]> = [
  [
    "SQLite",
    async () => {
      const dir = tempDir("scenario-db");
      return {
        settings: { enabled: false, retentionDays: 90, databasePath: path.join(dir, "i.db") },
      };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      const { url } = await freshDatabase();
      return {
        settings: { enabled: false, retentionDays: 90, databasePath: ":memory:", databaseUrl: url },
      };
    },
  ],
];

describe.each(engines)("key checks and rotation (%s)", (engine, open) => {
  const skip = engine === "PostgreSQL" && !PG_URL;
  const log = { warn: () => {}, error: () => {}, info: () => {} };
  const byTeam = (teamId: string) => ({
    teamId,
    enterpriseId: undefined,
    isEnterpriseInstall: false,
  });

  it.skipIf(skip)("reads with the previous key, re-seals with the current one", async () => {
    const { settings } = await open();
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createInstallationStore(settings, oldKey, log);
    await before.storeInstallation(installation("T1"));
    await before.storeInstallation(installation("T2"));
    await before.close();

    const onlyNew = createInstallationStore(settings, newKey, log);
    expect(await onlyNew.checkKeys()).toEqual({ stored: 2, opened: 0 });
    await expect(onlyNew.fetchInstallation(byTeam("T1"))).rejects.toThrow();
    await onlyNew.close();

    const rotating = createInstallationStore(settings, [newKey, oldKey], log);
    expect(await rotating.checkKeys()).toEqual({ stored: 2, opened: 2 });
    expect((await rotating.fetchInstallation(byTeam("T1"))).bot?.token).toBe("xoxb-T1-secret");
    // The re-seal is written after the answer: wait for it.
    await vi.waitFor(async () => {
      const after = createInstallationStore(settings, newKey, log);
      try {
        expect(await after.checkKeys()).toEqual({ stored: 2, opened: 1 });
      } finally {
        await after.close();
      }
    });
    await rotating.close();

    const rotated = createInstallationStore(settings, newKey, log);
    expect((await rotated.fetchInstallation(byTeam("T1"))).bot?.token).toBe("xoxb-T1-secret");
    await expect(rotated.fetchInstallation(byTeam("T2"))).rejects.toThrow();
    await rotated.close();
  });
});

describe.each(engines)("OAuth install states (%s)", (engine, open) => {
  const skip = engine === "PostgreSQL" && !PG_URL;
  const log = { warn: () => {}, error: () => {}, info: () => {} };

  it.skipIf(skip)("are used once, by any instance on the database, and expire", async () => {
    const { settings } = await open();
    const one = createInstallationStore(settings, KEY, log);
    const other = createInstallationStore(settings, KEY, log);
    onTestFinished(async () => {
      await one.close();
      await other.close();
    });
    const options = { scopes: ["chat:write"], metadata: "m" };
    const t0 = new Date(1_800_000_000_000);
    const state = await one.stateStore.generateStateParam(options, t0);
    expect(state).toMatch(/^[\w-]{43}$/);
    // Another instance verifies it; then it is gone for every instance.
    expect(await other.stateStore.verifyStateParam(t0, state)).toEqual(options);
    await expect(other.stateStore.verifyStateParam(t0, state)).rejects.toThrow("already used");
    await expect(one.stateStore.verifyStateParam(t0, state)).rejects.toThrow("already used");
    // Of two uses at once, one only succeeds.
    const twice = await one.stateStore.generateStateParam(options, t0);
    const results = await Promise.allSettled([
      one.stateStore.verifyStateParam(t0, twice),
      other.stateStore.verifyStateParam(t0, twice),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // Too late, refused; unknown, refused.
    const late = await one.stateStore.generateStateParam(options, t0);
    const after = new Date(t0.getTime() + STATE_TTL_MS + 1);
    await expect(one.stateStore.verifyStateParam(after, late)).rejects.toThrow("expired");
    await expect(one.stateStore.verifyStateParam(t0, "forged")).rejects.toThrow();
  });
});

describe("the installation store on SQLite follows a file deleted or replaced while open", () => {
  const log = { warn: vi.fn(), error: () => {}, info: () => {} };
  const byTeam = (teamId: string) => ({
    teamId,
    enterpriseId: undefined,
    isEnterpriseInstall: false,
  });

  it.each(["deleted", "replaced"])("keeps what is installed after the file was %s", async (how) => {
    const dir = tempDir("scenario-db");
    const databasePath = path.join(dir, "i.db");
    const settings = { enabled: false, retentionDays: 90, databasePath };
    const store = createInstallationStore(settings, KEY, log);
    await store.storeInstallation(installation("T1"));
    if (how === "deleted") {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(databasePath + suffix, { force: true });
    } else {
      // Another database moved into place, as a restore from a backup would.
      const other = path.join(dir, "backup.db");
      openDatabase(other).close();
      renameSync(other, databasePath);
    }
    await store.storeInstallation(installation("T2"));
    await store.close();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining(`was ${how} while open`));

    const restarted = createInstallationStore(settings, KEY, log);
    expect((await restarted.fetchInstallation(byTeam("T2"))).bot?.token).toBe("xoxb-T2-secret");
    await restarted.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
