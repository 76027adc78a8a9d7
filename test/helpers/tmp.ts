/**
 * Temporary folders for the tests: every one is made here, and every one made is removed, with
 * all it holds, when its test file ends, so that a run leaves the temporary folder as it found
 * it. Nothing else in test/ calls mkdtemp.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

// Registered when a test file first imports this module, on the file's own suite: after* hooks
// run last-registered first, so this one runs after the file's own afterAll (apps stopped,
// databases closed, child processes ended).
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new, empty folder under the system's temporary folder, named `<prefix>-XXXXXX`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}

/** A path named `name` in a new temporary folder (the file itself is not made). */
export function tempFile(prefix: string, name: string): string {
  return path.join(tempDir(prefix), name);
}
