/**
 * Which files a scenarios directory is read from: its cards (`*.md`), its concept lexicons
 * (`concepts/*.yml`), and its answer policy (`policy.yml`, `decline/*.yml`, else the bundled
 * ones). Only the file system: no YAML, no schema, so that the snapshot's fast path stays light.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export const CONCEPTS_DIR = "concepts";
export const POLICY_FILE = "policy.yml";
export const DECLINE_DIR = "decline";
/** Gate material on the other side: questions that are on topic, written as people post them. */
export const ON_TOPIC_DIR = "on-topic";

const exists = (file: string) => {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
};

/** The names in `dir` matching `pattern`, sorted; empty when it cannot be read. */
export function listFiles(dir: string, pattern: RegExp): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => pattern.test(name))
      .sort();
  } catch {
    return [];
  }
}

export const CARD_FILE = /\.md$/;
export const YAML_FILE = /\.ya?ml$/;

/**
 * The policy a scenarios directory uses: its own policy.yml, decline/ and on-topic/ where it has
 * them, else those of `fallback` (the bundled scenarios directory). Absolute paths.
 */
export function policyFiles(
  dir: string,
  fallback: string,
): { policy: string; decline: string; onTopic: string } {
  const own = (name: string) => path.join(dir, name);
  const ownOr = (name: string) => (exists(own(name)) ? own(name) : path.join(fallback, name));
  return { policy: ownOr(POLICY_FILE), decline: ownOr(DECLINE_DIR), onTopic: ownOr(ON_TOPIC_DIR) };
}

/** Every file a catalog is read from, absolute, in a fixed order (the snapshot's key). */
export function catalogFiles(dir: string, fallback: string): string[] {
  const root = path.resolve(dir);
  const { policy, decline, onTopic } = policyFiles(root, fallback);
  return [
    ...listFiles(root, CARD_FILE).map((name) => path.join(root, name)),
    ...listFiles(path.join(root, CONCEPTS_DIR), YAML_FILE).map((n) =>
      path.join(root, CONCEPTS_DIR, n),
    ),
    policy,
    ...listFiles(decline, YAML_FILE).map((name) => path.join(decline, name)),
    ...listFiles(onTopic, YAML_FILE).map((name) => path.join(onTopic, name)),
  ];
}
