#!/usr/bin/env node
/** `npm start`: the Slack app. Settings come from the environment, or from ./.env if present. */
// First: refuse an unsupported Node.js before anything loads a native module.
import "../config/node-version.js";
import { loadDotEnv } from "../config/settings.js";
import { logUnhandledRejections, start, startupErrorMessage, stopOnSignals } from "./server.js";

loadDotEnv();

try {
  await start(process.env, {
    // From before it listens: Socket Mode may take a while to connect, and a stop must be clean.
    onCreated(app) {
      logUnhandledRejections(app.logger);
      stopOnSignals(app);
    },
  });
} catch (error) {
  console.error(startupErrorMessage(error));
  process.exit(1);
}
