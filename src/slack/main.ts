#!/usr/bin/env node
/** `npm start`: the Slack app. Settings come from the environment, or from ./.env if present. */
import { loadDotEnv } from "../config/index.js";
import { start, startupErrorMessage, stopOnSignals } from "./server.js";

loadDotEnv();

try {
  stopOnSignals(await start(process.env));
} catch (error) {
  console.error(startupErrorMessage(error));
  process.exit(1);
}
