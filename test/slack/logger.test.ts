import { LogLevel } from "@slack/logger";
import { describe, expect, it } from "vitest";
import {
  batchedOutput,
  createLogger,
  LOG_BATCH_MAX_CHARS,
  type LogOutput,
  withoutDebug,
} from "../../src/slack/logger.js";
import { MemoryLogger } from "./helpers/logger.js";

/** A stream that keeps what is written, as a terminal (isTTY) or as a pipe. */
function output(isTTY: boolean): LogOutput & { lines: () => string[] } {
  let written = "";
  return {
    isTTY,
    write(line: string) {
      written += line;
      return true;
    },
    lines: () => written.split("\n").filter((l) => l !== ""),
  };
}

describe("createLogger", () => {
  it("writes one JSON object per line when no one is watching (production)", () => {
    const out = output(false);
    const logger = createLogger(LogLevel.INFO, out);
    logger.info("Scenario Advisor is running");
    logger.error("Replying failed:", "HTTP error", { channel: "#0a1b2c3d4e" });
    const [running, failed, ...more] = out.lines().map((l) => JSON.parse(l));
    expect(more).toEqual([]);
    expect(running).toMatchObject({ level: "info", msg: "Scenario Advisor is running" });
    expect(new Date(running.time).toISOString()).toBe(running.time);
    expect(failed).toMatchObject({
      level: "error",
      msg: "Replying failed: HTTP error",
      channel: "#0a1b2c3d4e",
    });
  });

  it("writes a readable line in a terminal", () => {
    const out = output(true);
    const logger = createLogger(LogLevel.INFO, out);
    logger.warn("Recording is failing", { pending: 3 });
    logger.error(new Error("boom"));
    expect(out.lines()).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}Recording is failing \{"pending":3\}$/),
      expect.stringMatching(/^\d\d:\d\d:\d\d\.\d{3} ERROR boom$/),
    ]);
  });

  it("keeps Bolt's level contract: below the level nothing is written", () => {
    const out = output(false);
    const logger = createLogger(LogLevel.WARN, out);
    expect(logger.getLevel()).toBe(LogLevel.WARN);
    logger.info("not shown");
    logger.setLevel(LogLevel.DEBUG);
    logger.setName("web-api:WebClient:3");
    logger.debug("shown");
    expect(out.lines().map((l) => JSON.parse(l).msg)).toEqual(["shown"]);
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
  });
});

describe("batchedOutput (the process's stdout)", () => {
  it("writes the lines of one turn in one write, in order, when the turn ends", () => {
    const writes: string[] = [];
    const turns: (() => void)[] = [];
    const out = batchedOutput({ write: (text: string) => writes.push(text) }, (flush) =>
      turns.push(flush),
    );
    const logger = createLogger(LogLevel.INFO, out);
    logger.info("one");
    logger.info("two");
    expect(writes).toEqual([]);
    expect(turns).toHaveLength(1);
    turns.shift()?.();
    expect(writes).toHaveLength(1);
    expect(
      writes[0]
        ?.split("\n")
        .filter((l) => l !== "")
        .map((l) => JSON.parse(l).msg),
    ).toEqual(["one", "two"]);
    logger.info("three");
    out.flush();
    expect(writes).toHaveLength(2);
    turns.shift()?.(); // the turn's own flush, with nothing left to write
    expect(writes).toHaveLength(2);
  });

  it("writes at once when a turn has logged LOG_BATCH_MAX_CHARS", () => {
    const writes: string[] = [];
    const out = batchedOutput({ write: (text: string) => writes.push(text) }, () => {});
    out.write("x".repeat(LOG_BATCH_MAX_CHARS - 1));
    expect(writes).toEqual([]);
    out.write("\n");
    expect(writes.map((w) => w.length)).toEqual([LOG_BATCH_MAX_CHARS]);
  });
});

describe("withoutDebug (Bolt's view of the logger)", () => {
  it("drops debug, passes the rest and the level through", () => {
    const logger = new MemoryLogger();
    const bolt = withoutDebug(logger);
    bolt.debug("http request body: {...}");
    bolt.info("i");
    bolt.warn("w");
    bolt.error("e");
    bolt.setLevel(LogLevel.INFO);
    expect(logger.lines.map((l) => l.text)).toEqual(["i", "w", "e"]);
    expect(bolt.getLevel()).toBe(LogLevel.INFO);
  });
});
