#!/usr/bin/env node
/** `npm run build` runs this after compiling: the snapshot of the bundled cards (snapshot.ts). */
import { DEFAULT_SCENARIOS_DIR } from "../catalog/catalog-settings.js";
import { SNAPSHOT_FILE, writeSnapshot } from "./snapshot.js";

await writeSnapshot(DEFAULT_SCENARIOS_DIR, SNAPSHOT_FILE);
