import { createHash } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

/** RFC 6455's key suffix for Sec-WebSocket-Accept. */
const WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/**
 * A local stand-in for Slack's Socket Mode WebSocket endpoint (what apps.connections.open
 * returns: point FakeSlack's `socketModeUrl` here). It accepts the app's WebSocket, sends Slack's
 * `hello` (at once, or when the test says), answers pings and the close handshake, and can drop
 * every connection or refuse new ones, as an unreachable Slack would. Only what the Socket Mode
 * client uses of the protocol: unfragmented frames, no extensions. Nothing leaves the machine.
 */
export class FakeSocketMode {
  /** How many WebSockets were opened, over the fake's life. */
  connections = 0;
  /** How many were refused (while not `accepting`). */
  refused = 0;
  /** Text messages the app sent (its envelope acks), parsed. */
  readonly received: unknown[] = [];
  /** False: new WebSockets are refused (503), as while Slack cannot be reached. */
  accepting = true;
  /** False: `hello` waits for sendHello(). */
  autoHello = true;
  readonly #sockets = new Set<Duplex>();
  readonly #server: Server = createServer((_req, res) => {
    res.writeHead(426);
    res.end();
  });
  #port = 0;
  #opened: Array<() => void> = [];

  constructor() {
    this.#server.on("upgrade", (req, socket) => this.#upgrade(req, socket));
  }

  async start(): Promise<this> {
    this.#server.listen(0, "127.0.0.1");
    await once(this.#server, "listening");
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  /** The wss URL apps.connections.open hands out. */
  get url(): string {
    return `ws://127.0.0.1:${this.#port}/link/?ticket=fake`;
  }

  /** Resolves when the next WebSocket is open (before hello). */
  opened(): Promise<void> {
    return new Promise((resolve) => this.#opened.push(resolve));
  }

  /** Sends `hello` on every open WebSocket: Slack's "connected". */
  sendHello(): void {
    for (const socket of this.#sockets) this.#hello(socket);
  }

  /** Drops every WebSocket without a close frame, as a lost network does. */
  drop(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
  }

  async close(): Promise<void> {
    this.drop();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers["sec-websocket-key"];
    if (!this.accepting || typeof key !== "string") {
      this.refused += 1;
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
      return;
    }
    const accept = createHash("sha1").update(`${key}${WS_GUID}`).digest("base64");
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.connections += 1;
    this.#sockets.add(socket);
    socket.on("close", () => this.#sockets.delete(socket));
    socket.on("error", () => this.#sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let frame = readFrame(pending); frame !== null; frame = readFrame(pending)) {
        pending = pending.subarray(frame.length);
        this.#onFrame(socket, frame.opcode, frame.payload);
      }
    });
    for (const resolve of this.#opened.splice(0)) resolve();
    if (this.autoHello) this.#hello(socket);
  }

  #hello(socket: Duplex): void {
    const hello = {
      type: "hello",
      num_connections: this.#sockets.size,
      debug_info: { host: "fake-socket-mode", approximate_connection_time: 3600 },
      connection_info: { app_id: "A0000001" },
    };
    socket.write(frame(OP.text, Buffer.from(JSON.stringify(hello))));
  }

  #onFrame(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === OP.ping) socket.write(frame(OP.pong, payload));
    else if (opcode === OP.close) {
      socket.end(frame(OP.close, payload.subarray(0, 2)));
      this.#sockets.delete(socket);
    } else if (opcode === OP.text) this.received.push(JSON.parse(payload.toString("utf8")));
  }
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head =
    length < 126
      ? Buffer.from([0x80 | opcode, length])
      : length < 65_536
        ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigEndian64(length)]);
  return Buffer.concat([head, payload]);
}

function bigEndian64(n: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(n));
  return bytes;
}

/** One whole client frame (masked, as clients must) from the start of `data`, or null for more. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (data.length < 2) return null;
  const opcode = (data[0] ?? 0) & 0x0f;
  const masked = ((data[1] ?? 0) & 0x80) !== 0;
  let length = (data[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const mask = masked ? data.subarray(offset, offset + 4) : null;
  if (masked) offset += 4;
  if (data.length < offset + length) return null;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (mask !== null)
    for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, length: offset + length };
}
