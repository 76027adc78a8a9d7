import { type Logger, LogLevel } from "@slack/bolt";

export interface LogLine {
  level: LogLevel;
  text: string;
}

/** A Bolt Logger that keeps what it is told, for assertions. */
export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = [];
  #level = LogLevel.DEBUG;

  #log(level: LogLevel, msg: unknown[]): void {
    const text = msg
      .map((m) => (typeof m === "string" ? m : (JSON.stringify(m) ?? String(m))))
      .join(" ");
    this.lines.push({ level, text });
  }
  debug(...msg: unknown[]): void {
    this.#log(LogLevel.DEBUG, msg);
  }
  info(...msg: unknown[]): void {
    this.#log(LogLevel.INFO, msg);
  }
  warn(...msg: unknown[]): void {
    this.#log(LogLevel.WARN, msg);
  }
  error(...msg: unknown[]): void {
    this.#log(LogLevel.ERROR, msg);
  }
  setLevel(level: LogLevel): void {
    this.#level = level;
  }
  getLevel(): LogLevel {
    return this.#level;
  }
  setName(): void {}

  errors(): string[] {
    return this.lines.filter((l) => l.level === LogLevel.ERROR).map((l) => l.text);
  }
  all(): string {
    return this.lines.map((l) => l.text).join("\n");
  }
}
