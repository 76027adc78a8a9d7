#!/usr/bin/env node
/** `npm start`: the Slack app. Settings come from the environment, or from ./.env if present. */
import { loadDotEnv } from "../config/index.js";
import { logUnhandledRejections, start, startupErrorMessage, stopOnSignals } from "./server.js";

loadDotEnv();

try {
  const running = await start(process.env);
  logUnhandledRejections(running.logger);
  stopOnSignals(running);
} catch (error) {
  console.error(startupErrorMessage(error));
  process.exit(1);
}
