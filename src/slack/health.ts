/** GET /healthz, served by Bolt's receiver in HTTP mode and by a server of its own in Socket Mode. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Catalog } from "../catalog/types.js";
import type { ClosableInstallationStore } from "../store/installations.js";
import type { RecorderMonitor } from "../store/types.js";

/** What health reads of the installation store (OAuth mode). */
type Installations = Pick<ClosableInstallationStore, "health">;

export const HEALTH_PATH = "/healthz";

/** GET /healthz: 200 with the scenarios loaded and the state of recording, in either mode. */
/** Socket Mode's connection to Slack, as health reports it. */
export type SlackConnection = () => "connected" | "disconnected";

export function healthHandler(
  recorder: RecorderMonitor,
  catalog: Catalog,
  installations?: Installations,
  slack?: SlackConnection,
) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    // Still 200 when recording fails: answering works; "degraded" says what does not.
    // The error itself (paths, causes) goes to the log, not to an open endpoint.
    const { state, pending, dropped, reopened = 0 } = recorder.health();
    const lookups = installations?.health().state;
    const status = state === "degraded" || lookups === "degraded" ? "degraded" : "ok";
    // Socket Mode: 503 while not connected (no event can arrive), "connected" otherwise.
    const connection = slack?.();
    const body = {
      status: connection === "disconnected" ? "unavailable" : status,
      ...(connection !== undefined && { slack: connection }),
      scenarios: catalog.scenarios.length,
      recording: { state, pending, dropped, reopened },
      // OAuth mode: "degraded" while installations cannot be read (the last ones read serve).
      ...(lookups !== undefined && { installations: { state: lookups } }),
    };
    res.writeHead(connection === "disconnected" ? 503 : 200, {
      "content-type": "application/json",
    });
    res.end(JSON.stringify(body));
  };
}

/** Socket Mode's own HTTP server: GET /healthz, and GET /metrics when `metrics` is given. */
export function healthServer(
  recorder: RecorderMonitor,
  catalog: Catalog,
  installations?: Installations,
  metrics?: (req: IncomingMessage, res: ServerResponse) => void,
  slack?: SlackConnection,
): Server {
  const health = healthHandler(recorder, catalog, installations, slack);
  return createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && pathname === HEALTH_PATH) {
      health(req, res);
      return;
    }
    if (req.method === "GET" && pathname === "/metrics" && metrics !== undefined) {
      metrics(req, res);
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

/** Listens on `port` (0: any free one); resolves to the port, rejects on EADDRINUSE and such. */
export function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
/** Closes a server and the connections it holds. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
