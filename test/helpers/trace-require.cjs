// Preloaded with `node --require`: prints every CommonJS module the process loaded, on exit,
// as one `LOADED […]` line on stderr.
const Module = require("node:module");

const load = Module._load;
const loaded = [];
Module._load = function traced(...args) {
  const [request, parent, isMain] = args;
  try {
    loaded.push(Module._resolveFilename(request, parent, isMain));
  } catch {
    loaded.push(request);
  }
  return load.apply(this, args);
};
process.on("exit", () => {
  process.stderr.write(`LOADED ${JSON.stringify(loaded)}\n`);
});
