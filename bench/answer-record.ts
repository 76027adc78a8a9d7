/**
 * What the recording benches write: one answer's record as the app makes it (the same question
 * and cards, 500 users), and a log that keeps quiet but for warnings.
 */
import { randomUUID } from "node:crypto";
import type { AnswerRecord, Log } from "../src/store/types.js";

/** The `i`th answer's record. */
export function benchAnswer(i: number): AnswerRecord {
  return {
    id: randomUUID(),
    workspaceId: "T0123456",
    surface: "command",
    userId: `U${i % 500}`,
    question: "how should our single page app call our own api with a token",
    scenarioId: "spa-api",
    score: 0.42,
    alternatives: ["mobile-api", "server-api"],
  };
}

/** Warnings to stderr (a failing write would make the figures wrong); nothing else. */
export const benchLog: Log = { info: () => {}, warn: (...args) => console.error(...args) };
