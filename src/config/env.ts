import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { z } from "zod";

/** Start-up stops with this: the message names each bad variable and where to get it. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/**
 * Parses environment variables with a zod object schema. Empty strings count as unset, so
 * `PORT=` in a `.env` falls back to the default. `hints` says where each variable comes from;
 * it is added to the message ("SLACK_SIGNING_SECRET is missing: Basic Information → App
 * Credentials"). Values are never echoed, since some are secrets.
 */
export function parseSettings<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv,
  hints: Partial<Record<string, string>> = {},
): z.infer<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") input[key] = value.trim();
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "settings");
    const what = input[name] === undefined ? "is missing" : `is malformed (${issue.message})`;
    const hint = hints[name];
    return hint ? `${name} ${what}: ${hint}` : `${name} ${what}`;
  });
  throw new SettingsError(lines.join("\n"));
}

/**
 * Loads `./.env` into process.env (or into `env`) when the file exists. Variables already set
 * win, as with dotenv; Node's own loader and parser are used, so no dependency and nothing
 * printed.
 */
export function loadDotEnv(file = ".env", env: NodeJS.ProcessEnv = process.env): void {
  if (!existsSync(file)) return;
  if (env === process.env) {
    process.loadEnvFile(file);
    return;
  }
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
    if (env[key] === undefined) env[key] = value;
  }
}
