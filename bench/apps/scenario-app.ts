/**
 * The real Slack app, started as dist/slack/main.js starts it (server.start, same settings from
 * the environment) but bound to 127.0.0.1: the bench talks over loopback only.
 */
import { start, startupErrorMessage, stopOnSignals } from "../../src/slack/server.js";
import { reportLoopDelay } from "./loop-delay.js";

reportLoopDelay();

try {
  stopOnSignals(await start(process.env, { host: "127.0.0.1" }));
} catch (error) {
  console.error(startupErrorMessage(error));
  process.exit(1);
}
