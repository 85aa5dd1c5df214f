// TeX -> MathML with Temml (npm, pinned in package.json), for atlas_build/mathml.py at build time.
// One JSON request per line on stdin, {"tex": "...", "display": true}; one JSON reply per line on
// stdout, {"mathml": "<math>...</math>"} or {"error": "..."}. Started once per build; readers' pages
// carry only the MathML it writes, never a script.
const readline = require("node:readline");

const temml = require(require.resolve("temml", { paths: [process.argv[2]] })); // node_modules, as npm ci left it
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let reply;
  try {
    const { tex, display } = JSON.parse(line);
    reply = { mathml: temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false }) };
  } catch (error) {
    reply = { error: String(error?.message || error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
});
