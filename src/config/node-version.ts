/**
 * The Node.js lines Scenario Advisor runs on (package.json `engines`): 22 and 24. Imported first
 * by each entry point (src/cli/main.ts, src/slack/main.ts), before anything loads better-sqlite3,
 * whose Node-API build crashes on older lines instead of saying why.
 */

/** The oldest supported Node.js, as [major, minor]. */
export const MIN_NODE: readonly [number, number] = [22, 12];

/** Why this Node.js cannot run the app, or null when it can. */
export function unsupportedNode(version: string = process.versions.node): string | null {
  const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
  const [minMajor, minMinor] = MIN_NODE;
  if (major > minMajor || (major === minMajor && minor >= minMinor)) return null;
  return (
    `Scenario Advisor needs Node.js ${minMajor}.${minMinor} or newer (22 or 24, the LTS lines); ` +
    `this is Node.js ${version.replace(/^v/, "")}. Install a current LTS from https://nodejs.org ` +
    "(or your version manager), then run npm ci again."
  );
}

const refused = unsupportedNode();
if (refused !== null) {
  process.stderr.write(`${refused}\n`);
  process.exit(1);
}
