/**
 * Bolt's HTTPReceiver with a screen in front of its events endpoint, for two things Bolt 5.1
 * does not refuse:
 *
 * - A body that is not a JSON object (`null`, `payload=null`, `[]`, `1`). HTTPReceiver reads
 *   `body.ssl_check` on whatever it parsed, inside a promise nobody awaits
 *   (HTTPReceiver.js, handleIncomingEvent): `null` rejects it, unhandled, which ends the
 *   process; the request itself is never answered.
 * - A timestamp from the future. Bolt's verifySlackRequest refuses only stale ones.
 *
 * Everything else, signature verification first, is Bolt's own: the screen reads the body with
 * Bolt's functions and hands the request on untouched.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse, unescape as unescapeQuery } from "node:querystring";
import {
  type BufferedIncomingMessage,
  defaultBodyLimit,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
  isRawBodyError,
  isValidSlackRequest,
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
    super({ ...options, logger });
    const { signingSecret, bodyLimit = defaultBodyLimit } = options;
    const endpoints = [options.endpoints ?? "/slack/events"].flat();
    const bolt = this.requestListener;
    this.requestListener = (req, res) => {
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      if (req.method !== "POST" || !endpoints.includes(path)) {
        bolt(req, res);
        return;
      }
      void screen(req, bodyLimit, signingSecret).then(
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

async function screen(
  req: IncomingMessage,
  bodyLimit: number | string,
  signingSecret: string,
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
  return screenBody(buffered, signingSecret, Date.now());
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

/** What the screen decides about a buffered request at `nowMs`. */
export function screenBody(
  req: BufferedIncomingMessage,
  signingSecret: string,
  nowMs: number,
): Screened {
  const text = req.rawBody.toString();
  const form = req.headers["content-type"] === "application/x-www-form-urlencoded";
  // Slack's unsigned SSL check: Bolt strips it to `ssl_check=1` and answers it.
  if (form && /(?:^|&)ssl_check=/.test(text) && parse(text).ssl_check === "1") return PASS;

  const timestamp = Number(req.headers["x-slack-request-timestamp"]);
  if (Number.isFinite(timestamp) && timestamp > nowMs / 1000 + TIMESTAMP_WINDOW_SECONDS) {
    return {
      pass: false,
      status: 401,
      reason: "its timestamp is more than 5 minutes ahead of this clock",
    };
  }

  let body: unknown;
  try {
    body = form ? formBody(text) : JSON.parse(text);
  } catch {
    return PASS; // Bolt verifies, then answers 400 "Malformed request body".
  }
  if (typeof body === "object" && body !== null && !Array.isArray(body)) return PASS;
  // Unsigned, it is refused as Bolt refuses any unsigned request; signed, it is malformed.
  const signed = isValidSlackRequest({
    signingSecret,
    body: text,
    headers: {
      "x-slack-signature": String(req.headers["x-slack-signature"] ?? ""),
      "x-slack-request-timestamp": timestamp,
    },
  });
  return signed
    ? { pass: false, status: 400, reason: "the body is not a JSON object" }
    : { pass: false, status: 401, reason: "the body is not a JSON object, and not signed" };
}
