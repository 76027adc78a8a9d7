/**
 * Bolt's HTTPReceiver with a screen in front of its events endpoint. The screen verifies each
 * request's signature itself, and refuses two things Bolt 5.1 does not:
 *
 * - A body that is not a JSON object (`null`, `payload=null`, `[]`, `1`). HTTPReceiver reads
 *   `body.ssl_check` on whatever it parsed, inside a promise nobody awaits
 *   (HTTPReceiver.js, handleIncomingEvent): `null` rejects it, unhandled, which ends the
 *   process; the request itself is never answered.
 * - A timestamp from the future. Bolt's verifySlackRequest refuses only stale ones.
 *
 * The signature is checked here rather than by Bolt (whose own check is off) because Bolt's
 * costs a tenth of the app's CPU per request (issue 22): it compares the two signatures with
 * `tsscmp`, two more HMACs under a fresh random key each time, about 55 µs a request against
 * 5 µs for one HMAC under a key prepared once and Node's `timingSafeEqual`. The rules are
 * Slack's and Bolt's: `v0=` and the hex HMAC-SHA256 of `v0:{timestamp}:{body}` under the
 * signing secret, a timestamp within 5 minutes (either way, here), Slack's unsigned SSL check
 * answered with anything else it carried stripped. Bolt reads the body the screen buffered.
 */
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse, unescape as unescapeQuery } from "node:querystring";
import {
  type BufferedIncomingMessage,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
  isRawBodyError,
  type Logger,
} from "@slack/bolt";

/** Slack's window for X-Slack-Request-Timestamp, either way. */
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

type Screened = { pass: true } | { pass: false; status: number; reason: string };

const PASS: Screened = { pass: true };

/** Refused or malformed requests are logged once per kind per interval, then counted. */
export const REFUSALS_INTERVAL_MS = 60_000;

/** The warnings about refused, unsigned or malformed requests (ours and Bolt's receiver's). */
const REFUSAL =
  /^(Refused a request|Failed to parse and verify the request data|Failed to parse the request body|Malformed request body|Request body exceeded the maximum allowed size)/;

/**
 * The receiver's logger, by the log policy: paths without their query string (a token pasted in
 * a URL stays out of the log), no part of a request's body (Bolt's parse errors quote it: only
 * their first words are kept), and refusals rate-limited: the first of each kind in an interval,
 * then one line with how many more there were.
 */
export function receiverLogger(logger: Logger, now: () => number = Date.now): Logger {
  let windowStart = Number.NEGATIVE_INFINITY;
  const suppressed = new Map<string, number>();
  const scrub = (msg: unknown[]) =>
    msg.map((part) =>
      typeof part === "string" ? part.replace(/(\/[^\s?]*)\?[^\s)]*/g, "$1") : part,
    );
  const warn = (...msg: unknown[]) => {
    const [first] = msg;
    const kind = typeof first === "string" ? REFUSAL.exec(first)?.[1] : undefined;
    if (kind === undefined) {
      logger.warn(...scrub(msg));
      return;
    }
    const t = now();
    if (t - windowStart >= REFUSALS_INTERVAL_MS) {
      for (const [what, count] of suppressed) {
        if (count > 0)
          logger.warn(`${what}: ${count} more in the last ${REFUSALS_INTERVAL_MS / 1000} s`);
      }
      suppressed.clear();
      windowStart = t;
    }
    const seen = suppressed.get(kind);
    if (seen === undefined) {
      suppressed.set(kind, 0);
      // Ours carry a reason of our own words; Bolt's carry a parser's message, which may quote
      // the body: dropped.
      logger.warn(kind === "Refused a request" ? String(first) : kind);
      return;
    }
    suppressed.set(kind, seen + 1);
  };
  return {
    debug: (...msg) => logger.debug(...scrub(msg)),
    info: (...msg) => logger.info(...scrub(msg)),
    warn,
    error: (...msg) => logger.error(...scrub(msg)),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: () => {},
  };
}

export class ScreenedReceiver extends HTTPReceiver {
  constructor(options: HTTPReceiverOptions & { logger: Logger }) {
    const logger = receiverLogger(options.logger);
    const { signingSecret, bodyLimit = defaultBodyLimit } = options;
    if (!signingSecret) throw new Error("The receiver needs the app's signing secret");
    // The screen below verifies every request to the events endpoint, before Bolt sees it.
    super({ ...options, logger, signatureVerification: false });
    const key = signingKey(signingSecret);
    const endpoints = [options.endpoints ?? "/slack/events"].flat();
    const bolt = this.requestListener;
    this.requestListener = (req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method !== "POST" || !endpoints.includes(path)) {
        bolt(req, res);
        return;
      }
      void screen(req, bodyLimit, key).then(
        (screened) => {
          if (screened.pass) {
            bolt(req, res);
            return;
          }
          logger.warn(`Refused a request: ${screened.reason}`);
          refuse(res, screened.status);
        },
        (error: unknown) => {
          logger.error(`Screening a request failed: ${(error as Error).message}`);
          refuse(res, 500);
        },
      );
    };
  }
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/** The signing secret as a key prepared once for every request's HMAC. */
export function signingKey(signingSecret: string): KeyObject {
  return createSecretKey(Buffer.from(signingSecret, "utf8"));
}

async function screen(
  req: IncomingMessage,
  bodyLimit: number | string,
  key: KeyObject,
): Promise<Screened> {
  let buffered: BufferedIncomingMessage;
  try {
    // Bolt reads the body from here again (rawBody), with the same limit.
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
  } catch (error) {
    if (isRawBodyError(error) && error.statusCode === 413) {
      return { pass: false, status: 413, reason: "the body is over the size limit" };
    }
    return { pass: false, status: 400, reason: "the body could not be read" };
  }
  return screenBody(buffered, key, Date.now());
}

/**
 * A form body as Bolt reads it (HTTPModuleFunctions.parseHTTPRequestBody): its `payload`
 * field's JSON, or else its fields, an object. Only `payload` is decoded: Bolt parses the body
 * again, and a whole 4 MB form takes a quarter of a second.
 */
function formBody(text: string): unknown {
  const payload = /(?:^|&)payload=([^&]*)/.exec(text)?.[1];
  return payload === undefined ? {} : JSON.parse(unescapeQuery(payload.replaceAll("+", " ")));
}

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^[0-9]{1,15}$/;

/**
 * Why a request is not Slack's, by its signature and timestamp at `nowMs`; undefined when it
 * is. The digests compared are both 32 bytes, compared in constant time.
 */
export function signatureProblem(
  headers: IncomingMessage["headers"],
  body: Buffer,
  key: KeyObject,
  nowMs: number,
): string | undefined {
  const timestamp = headers["x-slack-request-timestamp"];
  const signature = headers["x-slack-signature"];
  if (typeof timestamp !== "string" || !TIMESTAMP.test(timestamp)) {
    return "it has no valid timestamp";
  }
  const seconds = Number(timestamp);
  if (seconds > nowMs / 1000 + TIMESTAMP_WINDOW_SECONDS) {
    return "its timestamp is more than 5 minutes ahead of this clock";
  }
  if (seconds < nowMs / 1000 - TIMESTAMP_WINDOW_SECONDS) {
    return "its timestamp is more than 5 minutes old";
  }
  const hex = typeof signature === "string" ? SIGNATURE.exec(signature)?.[1] : undefined;
  if (hex === undefined) return "it has no v0 signature";
  const expected = createHmac("sha256", key).update(`v0:${timestamp}:`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex")) ? undefined : "its signature is wrong";
}

/** What the screen decides about a buffered request at `nowMs`. */
export function screenBody(req: BufferedIncomingMessage, key: KeyObject, nowMs: number): Screened {
  const text = req.rawBody.toString();
  const form = req.headers["content-type"] === "application/x-www-form-urlencoded";
  // Slack's unsigned SSL check, answered by Bolt. Whatever else the body carried is dropped,
  // as Bolt's own check does: it is unsigned.
  if (form && /(?:^|&)ssl_check=/.test(text) && parse(text).ssl_check === "1") {
    req.rawBody = Buffer.from("ssl_check=1");
    return PASS;
  }

  const problem = signatureProblem(req.headers, req.rawBody, key, nowMs);
  if (problem !== undefined) return { pass: false, status: 401, reason: problem };

  let body: unknown;
  try {
    body = form ? formBody(text) : JSON.parse(text);
  } catch {
    return PASS; // Bolt answers 400 "Malformed request body".
  }
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return PASS;
  return { pass: false, status: 400, reason: "the body is not a JSON object" };
}
