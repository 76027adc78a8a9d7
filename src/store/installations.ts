/**
 * Where the app keeps each workspace's installation in OAuth mode (many workspaces): the same
 * database as the records, SQLite or PostgreSQL, table `installations`. Each installation, bot
 * token included, is stored as JSON encrypted with AES-256-GCM under INSTALLATION_ENCRYPTION_KEY;
 * only the ids needed to find it are in clear.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type {
  Installation,
  InstallationQuery,
  InstallationStore,
  InstallURLOptions,
  StateStore,
} from "@slack/bolt";
import type { Sql } from "./sql.js";
import { within } from "./steps.js";

/** AES-256: the key is 32 bytes. */
export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format of `data`: version, then base64 of IV, tag and ciphertext. */
const FORMAT = "v1";

/** Seals `plain` with `key`; `context` (the row's id) is authenticated too, so rows cannot be swapped. */
export function seal(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

/** Opens what `seal` made; throws if the key is another, or the data or its context changed. */
export function unseal(key: Buffer, data: string, context: string): string {
  const [format, body] = data.split(":");
  if (format !== FORMAT || body === undefined) throw new Error("unknown installation format");
  const bytes = Buffer.from(body, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString("utf8");
}

type Query = Pick<InstallationQuery<boolean>, "teamId" | "enterpriseId" | "isEnterpriseInstall">;

/** The row an installation or a query names: an org-wide install by its enterprise, else the team. */
function rowId({ teamId, enterpriseId, isEnterpriseInstall }: Query): string {
  const id = isEnterpriseInstall ? enterpriseId : teamId;
  if (!id) throw new Error("an installation needs a team id, or an enterprise id when org-wide");
  return id;
}

/** An InstallationStore to close when the app stops. */
export interface ClosableInstallationStore extends InstallationStore {
  deleteInstallation(query: InstallationQuery<boolean>): Promise<void>;
  /** "degraded" while the last lookup could not read the database (in time). */
  health(): { state: "ok" | "degraded" };
  /** How many installations are stored (the metrics' gauge); rejects if the database cannot say in time. */
  count(): Promise<number>;
  /** The OAuth install flow's states, each used once (kept with the installations). */
  readonly stateStore?: StateStore;
  close(): Promise<void>;
}

/** Installations remembered for when the database cannot be read; more are not kept. */
const LAST_KNOWN_LIMIT = 10_000;

/**
 * How long a lookup waits for the database before it answers with the installation last read:
 * well inside the 3 s Slack gives for an acknowledgement, which comes after the lookup.
 */
export const LOOKUP_TIMEOUT_MS = 1_000;

class LookupTimeout extends Error {
  constructor(ms: number) {
    super(`the installations could not be read within ${ms} ms`);
  }
}

/** `work`, or a LookupTimeout after `ms`; the timer never holds the process open. */
const lookup = <T>(work: Promise<T>, ms: number): Promise<T> =>
  within(work, ms, () => new LookupTimeout(ms));

/** How long an install may take between /slack/install and Slack's redirect back (Bolt's default). */
export const STATE_TTL_MS = 10 * 60 * 1000;

/**
 * The OAuth flow's `state`, used once. Bolt's default (a signed JWT) can be replayed, with its
 * cookie, for ten minutes. Here the state is 32 random bytes; the database keeps its SHA-256
 * with the install options, in table `oauth_states` beside the installations, so any instance
 * can verify it; verifying deletes the row in the same statement, so a second use (on any
 * instance) finds nothing and is refused, as is a state older than `ttlMs`.
 */
export class DatabaseStateStore implements StateStore {
  constructor(
    private readonly sql: Sql,
    private readonly ttlMs: number = STATE_TTL_MS,
  ) {}

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const state = randomBytes(32).toString("base64url");
    // States never used (an install abandoned) go when the next one is made.
    await this.sql.run("DELETE FROM oauth_states WHERE created_at < ?", [
      now.getTime() - this.ttlMs,
    ]);
    await this.sql.run(
      "INSERT INTO oauth_states (id, created_at, install_options) VALUES (?, ?, ?)",
      [digest(state), now.getTime(), JSON.stringify(installOptions)],
    );
    return state;
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    // One statement takes the row: of two uses at once, on any instance, only one gets it.
    const [row] = await this.sql.all<{ created_at: number | string; install_options: string }>(
      "DELETE FROM oauth_states WHERE id = ? RETURNING created_at, install_options",
      [digest(state)],
    );
    if (row === undefined) throw new Error("The install state is unknown or already used");
    if (now.getTime() - Number(row.created_at) > this.ttlMs) {
      throw new Error("The install state has expired");
    }
    return JSON.parse(row.install_options) as InstallURLOptions;
  }
}

function digest(state: string): string {
  return createHash("sha256").update(state, "utf8").digest("hex");
}

/**
 * Bolt's InstallationStore on either engine (through sql.ts). `close` releases the connection
 * behind `sql`. Every request reads the database, so an uninstall is seen by every instance at
 * once; the installations last read are kept in memory only to go on answering, with them, while
 * the database cannot be read.
 */
export class EncryptedInstallationStore implements ClosableInstallationStore {
  readonly #lastKnown = new Map<string, Installation<"v1" | "v2", boolean>>();
  #readable = true;
  readonly stateStore: DatabaseStateStore;
  /** Seals; the keys after it (a previous key, while rotating) only open. */
  readonly #key: Buffer;
  readonly #keys: readonly Buffer[];

  /** `keys`: the current key, then any previous one (rotation). */
  constructor(
    private readonly sql: Sql,
    keys: Buffer | readonly Buffer[],
    private readonly onClose: () => Promise<void> = async () => {},
    private readonly now: () => number = Date.now,
    private readonly lookupTimeoutMs: number = LOOKUP_TIMEOUT_MS,
  ) {
    this.#keys = Buffer.isBuffer(keys) ? [keys] : [...keys];
    const [key] = this.#keys;
    if (key === undefined) throw new Error("the installation store needs a key");
    for (const k of this.#keys) {
      if (k.length !== KEY_BYTES) throw new Error(`the encryption key must be ${KEY_BYTES} bytes`);
    }
    this.#key = key;
    this.stateStore = new DatabaseStateStore(sql);
  }

  /** Opens a row with the first key that does; `index` 0 is the current key. */
  #open(data: string, id: string): { plain: string; index: number } {
    let failure: unknown;
    for (const [index, key] of this.#keys.entries()) {
      try {
        return { plain: unseal(key, data, id), index };
      } catch (error) {
        failure ??= error;
      }
    }
    throw failure;
  }

  /**
   * How many installations are stored, and how many the keys open: at start, a key that opens
   * none of them is the wrong key (server.ts refuses to start). Reads at most a thousand rows.
   */
  async checkKeys(): Promise<{ stored: number; opened: number }> {
    const rows = await lookup(
      this.sql.all<{ id: string; data: string }>("SELECT id, data FROM installations LIMIT 1000"),
      5 * this.lookupTimeoutMs,
    );
    let opened = 0;
    for (const row of rows) {
      try {
        this.#open(row.data, row.id);
        opened++;
      } catch {
        // Counted as not opened.
      }
    }
    return { stored: rows.length, opened };
  }

  async storeInstallation<AuthVersion extends "v1" | "v2">(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const query = {
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      isEnterpriseInstall,
    };
    const id = rowId(query);
    // A reinstall (new scopes, a new token) replaces the row.
    await this.sql.run(
      `INSERT INTO installations (id, enterprise_id, team_id, is_enterprise_install, installed_at, data)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET enterprise_id = excluded.enterprise_id,
         team_id = excluded.team_id, is_enterprise_install = excluded.is_enterprise_install,
         installed_at = excluded.installed_at, data = excluded.data`,
      [
        id,
        query.enterpriseId ?? null,
        query.teamId ?? null,
        isEnterpriseInstall ? 1 : 0,
        this.now(),
        seal(this.#key, JSON.stringify(installation), id),
      ],
    );
  }

  async fetchInstallation(
    query: InstallationQuery<boolean>,
  ): Promise<Installation<"v1" | "v2", boolean>> {
    const id = rowId(query);
    let rows: Array<{ data: string }>;
    try {
      rows = await lookup(
        this.sql.all<{ data: string }>("SELECT data FROM installations WHERE id = ?", [id]),
        this.lookupTimeoutMs,
      );
      this.#readable = true;
    } catch (error) {
      this.#readable = false;
      const known = this.#lastKnown.get(id);
      if (known !== undefined) return known;
      throw error;
    }
    const [row] = rows;
    if (row === undefined) {
      this.#lastKnown.delete(id);
      // No id in the message: Bolt logs it, and the log holds no raw Slack ids.
      throw new Error("no installation for this workspace");
    }
    const { plain, index } = this.#open(row.data, id);
    if (index > 0) {
      // Sealed with a previous key: sealed again with the current one, unless it changed since.
      // A failure is no matter: the next read tries again.
      this.sql
        .run("UPDATE installations SET data = ? WHERE id = ? AND data = ?", [
          seal(this.#key, plain, id),
          id,
          row.data,
        ])
        .catch(() => {});
    }
    const installation = JSON.parse(plain) as Installation<"v1" | "v2", boolean>;
    if (this.#lastKnown.size >= LAST_KNOWN_LIMIT) this.#lastKnown.clear();
    this.#lastKnown.set(id, installation);
    return installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const id = rowId(query);
    this.#lastKnown.delete(id);
    await this.sql.run("DELETE FROM installations WHERE id = ?", [id]);
  }

  health(): { state: "ok" | "degraded" } {
    return { state: this.#readable ? "ok" : "degraded" };
  }

  async count(): Promise<number> {
    const [row] = await lookup(
      this.sql.all<{ n: number | string }>("SELECT COUNT(*) AS n FROM installations"),
      this.lookupTimeoutMs,
    );
    return Number(row?.n ?? 0);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}
