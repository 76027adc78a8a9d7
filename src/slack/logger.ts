/**
 * The app's logger: pino, adapted to the Logger interface Bolt takes. One JSON object per line
 * in production; a plain line (time, level, message) when stdout is a terminal.
 */
import type { Logger, LogLevel } from "@slack/logger";
import { pino } from "pino";

type Level = "debug" | "info" | "warn" | "error";

/** Where log lines go: a stream, and whether a person is reading it. */
export type LogOutput = { write(line: string): unknown; isTTY?: boolean };

/**
 * The app's logger. On the process's own stdout (not a terminal), the lines of one turn of the
 * event loop go out in one write (batchedOutput); any other output gets each line at once.
 */
export function createLogger(level: LogLevel, out: LogOutput = process.stdout): Logger {
  if (out === process.stdout && !out.isTTY) out = stdoutBatched();
  const json = pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    out.isTTY ? { write: (line: string) => out.write(readable(line)) } : out,
  );
  return new PinoLogger(json);
}

/** Flushed early once this much waits, so that one busy turn cannot hold much in memory. */
export const LOG_BATCH_MAX_CHARS = 64 * 1024;

/**
 * `out`, with the lines written during one turn of the event loop joined into one write, made
 * on `schedule` (setImmediate: after the turn's I/O callbacks), or at once when
 * LOG_BATCH_MAX_CHARS wait. Under load a turn handles many requests, each with a log line,
 * and a write to a pipe is a system call that wakes its reader: one per turn instead of one per
 * line (issue 22's profile: about a tenth of the CPU per command). `flush()` writes what waits.
 */
export function batchedOutput(
  out: LogOutput,
  schedule: (flush: () => void) => void = (flush) => setImmediate(flush),
): LogOutput & { flush(): void } {
  let waiting = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (waiting === "") return;
    const lines = waiting;
    waiting = "";
    out.write(lines);
  };
  return {
    write(line: string) {
      waiting += line;
      if (waiting.length >= LOG_BATCH_MAX_CHARS) flush();
      else if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
      return true;
    },
    flush,
  };
}

let batchedStdout: LogOutput | undefined;
/**
 * The process's stdout, batched; one for every logger, so that lines keep their order. What
 * waits is written on exit (a write to a pipe or file is synchronous then): a line can be lost
 * only if the process is killed outright (SIGKILL, a crash of V8) in the turn that logged it.
 */
function stdoutBatched(): LogOutput {
  if (batchedStdout === undefined) {
    const batched = batchedOutput(process.stdout);
    process.on("exit", batched.flush);
    batchedStdout = batched;
  }
  return batchedStdout;
}

/** A JSON line as a person reads it: `12:00:00.000 WARN  message {"other":"fields"}`. */
function readable(line: string): string {
  const { time, level, msg, pid: _pid, hostname: _host, ...fields } = JSON.parse(line);
  const rest = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  return `${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${msg}${rest}\n`;
}

/** Bolt's Logger over pino: strings make the message, plain objects its fields. */
class PinoLogger implements Logger {
  readonly #pino: pino.Logger;

  constructor(logger: pino.Logger) {
    this.#pino = logger;
  }

  debug(...msg: unknown[]): void {
    this.#write("debug", msg);
  }
  info(...msg: unknown[]): void {
    this.#write("info", msg);
  }
  warn(...msg: unknown[]): void {
    this.#write("warn", msg);
  }
  error(...msg: unknown[]): void {
    this.#write("error", msg);
  }
  // Bolt's LogLevel values are pino's level names.
  setLevel(level: LogLevel): void {
    this.#pino.level = level;
  }
  getLevel(): LogLevel {
    return this.#pino.level as LogLevel;
  }
  /** Bolt's Web API clients rename the logger they are given, one name each: lines keep none. */
  setName(_name: string): void {}

  #write(level: Level, msg: unknown[]): void {
    if (!this.#pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const words: string[] = [];
    for (const part of msg) {
      if (part instanceof Error) words.push(part.message);
      else if (typeof part === "object" && part !== null) Object.assign(fields, part);
      else words.push(String(part));
    }
    this.#pino[level](fields, words.join(" "));
  }
}

/**
 * The logger as Bolt gets it (the app, its receiver, its Web API clients): without debug.
 * Their debug lines carry request and response bodies, with questions, answers and user ids;
 * the app's own debug lines go to the logger itself.
 */
export function withoutDebug(logger: Logger): Logger {
  return {
    debug: () => {},
    info: (...msg) => logger.info(...msg),
    warn: (...msg) => logger.warn(...msg),
    error: (...msg) => logger.error(...msg.map(saidPlainly)),
    setLevel: (level) => logger.setLevel(level),
    getLevel: () => logger.getLevel(),
    setName: () => {},
  };
}

const NO_URL = "apps.connections.open did not return a URL";
/** Socket Mode's "did not return a URL! (response: [object Object])", said as what failed. */
function saidPlainly(part: unknown): unknown {
  if (typeof part !== "string" || !part.includes(NO_URL)) return part;
  if (part.startsWith(NO_URL))
    return "Socket Mode could not connect: Slack's apps.connections.open answered without a WebSocket URL (check SLACK_API_URL and SLACK_APP_TOKEN); retrying";
  return part.replace(
    /(Error: )?apps\.connections\.open did not return a URL! \(response: [^)]*\)/,
    "no WebSocket URL from apps.connections.open",
  );
}
