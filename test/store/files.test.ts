/** The recorded questions are private: the folder and every file are the owner's only. */
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.js";
import { createRecorder } from "../../src/store/open-store.js";
import { answer, silent, tempDb, track } from "./helpers.js";

const mode = (file: string) => statSync(file).mode & 0o777;
const settings = (file: string) =>
  ({ enabled: true, retentionDays: 90, databasePath: file }) as const;

// The most permissive umask: the modes must not depend on it.
let umask: number;
beforeEach(() => {
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});

describe("file modes", () => {
  it("creates the folder 0700 and the database, WAL, shared memory and salt 0600", () => {
    const file = path.join(path.dirname(tempDb()), "data", "nested", "records.db");
    const rec = track(createRecorder(settings(file), silent));
    rec.recordAnswer(answer());
    expect(rec.health()).toMatchObject({ state: "ok" });

    expect(mode(path.dirname(file)).toString(8)).toBe("700");
    expect(mode(path.dirname(path.dirname(file))).toString(8)).toBe("700");
    for (const suffix of ["", "-wal", "-shm", ".salt"]) {
      expect([suffix, mode(file + suffix).toString(8)]).toEqual([suffix, "600"]);
    }
  });

  it("leaves the mode of a folder it did not create alone", () => {
    const dir = path.join(path.dirname(tempDb()), "shared");
    mkdirSync(dir, { mode: 0o755 });
    track(openDatabase(path.join(dir, "records.db")));
    expect(mode(dir).toString(8)).toBe("755");
    expect(mode(path.join(dir, "records.db")).toString(8)).toBe("600");
  });
});
