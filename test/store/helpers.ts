import { randomUUID } from "node:crypto";
import { afterEach } from "vitest";
import { SqliteRecorder } from "../../src/store/sqlite-recorder.js";
import type { AnswerRecord } from "../../src/store/types.js";
import { tempFile } from "../helpers/tmp.js";

/** A database path in a new temporary folder (the file itself does not exist yet). */
export const tempDb = () => tempFile("scenario-db", "records.db");

export const silent = { info: () => {}, warn: () => {} };

/** Resolves after the current event-loop turn's writes: the recorders commit them when it ends. */
export const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function answer(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    id: randomUUID(),
    workspaceId: "T1",
    surface: "command",
    userId: "U123SECRET",
    question: "mobile app calling an api",
    scenarioId: "mobile-api",
    score: 0.4,
    alternatives: ["spa-api", "server-api"],
    ...overrides,
  };
}

const open: Array<{ close(): void }> = [];
/** Closes `x` after the test. */
export function track<T extends { close(): void }>(x: T): T {
  open.push(x);
  return x;
}
afterEach(() => {
  for (const x of open.splice(0)) x.close();
});

export function recorder(
  file: string,
  extra: Partial<ConstructorParameters<typeof SqliteRecorder>[0]> = {},
) {
  return track(
    new SqliteRecorder({ databasePath: file, retentionDays: 90, salt: "s", log: silent, ...extra }),
  );
}
