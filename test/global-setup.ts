import { execFileSync } from "node:child_process";
import path from "node:path";

/** Tests spawn the built CLI and app, so build once before any test runs. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  execFileSync(
    process.execPath,
    [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
}
