/**
 * A throwaway PostgreSQL cluster for the tests (and the bench): initdb and pg_ctl in a temporary
 * folder, listening on 127.0.0.1 at a free port, trusting local connections, thrown away after.
 * PostgreSQL refuses to run as root: as root, it runs as the `postgres` user (runuser), in a
 * folder that user owns.
 */
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the superuser, no password (trust). */
  url: string;
  /** The cluster's folder: data/, the server log and its Unix socket. */
  dir: string;
  stop(): void;
}

/**
 * The folder holding initdb and pg_ctl: PG_BIN, else `pg_config --bindir`, else the newest
 * /usr/lib/postgresql/<version>/bin (Debian keeps them off PATH), else PATH. Undefined if none.
 */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const has = (dir: string) => existsSync(path.join(dir, "initdb"));
  if (env.PG_BIN) return has(env.PG_BIN) ? env.PG_BIN : undefined;
  try {
    const dir = execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: "pipe" }).trim();
    if (has(dir)) return dir;
  } catch {
    // No pg_config: look further.
  }
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) {
      const dir = path.join(debian, version, "bin");
      if (has(dir)) return dir;
    }
  }
  for (const dir of (env.PATH ?? "").split(path.delimiter)) if (dir && has(dir)) return dir;
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** uid and gid of the `postgres` user, from /etc/passwd; undefined if there is none. */
function postgresUser(): { uid: number; gid: number } | undefined {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

/**
 * Starts a cluster under `root` (default: the system's temporary folder). Throws with the
 * server's own words when it cannot.
 */
export async function startCluster(
  bin: string,
  root = tmpdir(),
  settings: readonly string[] = [],
): Promise<PgCluster> {
  const dir = mkdtempSync(path.join(root, "scenario-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  let run = (cmd: string, args: string[]) =>
    execFileSync(path.join(bin, cmd), args, { encoding: "utf8", stdio: "pipe" });
  if (asRoot) {
    const user = postgresUser();
    if (user === undefined) throw new Error("running as root, and there is no postgres user");
    chownSync(dir, user.uid, user.gid);
    run = (cmd, args) =>
      execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args], {
        encoding: "utf8",
        stdio: "pipe",
      });
  }
  const fail = (what: string, error: unknown): never => {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    const log = path.join(dir, "server.log");
    const serverLog = existsSync(log) ? readFileSync(log, "utf8").slice(-2_000) : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${what} failed: ${(error as Error).message}\n${stderr}\n${serverLog}`);
  };
  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  } catch (error) {
    fail("initdb", error);
  }
  // Durability is the server's business, not the tests': no fsync, so that they run fast.
  const options = [
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=200",
    ...settings.map((s) => `-c ${s}`),
  ];
  // The port is free when picked; another process may take it before the server does: try again.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const start = ["-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60"];
    try {
      run("pg_ctl", [...start, "-o", [`-p ${port}`, ...options].join(" "), "start"]);
    } catch (error) {
      if (attempt < 3) continue;
      fail("pg_ctl start", error);
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      dir,
      stop() {
        try {
          run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  }
}
