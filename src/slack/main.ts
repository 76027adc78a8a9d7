#!/usr/bin/env node
/** `npm start`: the Slack app. Settings come from the environment, or from ./.env if present. */
import { start, startupErrorMessage, stopOnSignals } from "./server.js";

try {
  // Variables already in the environment win over the file.
  process.loadEnvFile();
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
}

try {
  stopOnSignals(await start(process.env));
} catch (error) {
  console.error(startupErrorMessage(error));
  process.exit(1);
}
