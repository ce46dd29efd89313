// bench/typst/bench.mjs - the reference report through Typst in one process
// (typst.ts's NodeCompiler), for bench/run to print beside vanban's figures.
//   NODE_PATH=DIR/node_modules node bench/typst/bench.mjs FILE.typ FONTDIR N
// Prints one line: "typst-inproc MEAN BEST BYTES VERSION" (ms per PDF).
// Every document is compiled from scratch: the cache is evicted and the source
// changes each time, so Typst's incremental memoisation cannot reuse the last
// run (vanban has no such cache either).
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";
const require = createRequire(path.join(process.env.NODE_PATH || ".", "x.js"));
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
const [file, fonts, nArg] = process.argv.slice(2);
const n = Number(nArg || 50);
const src = readFileSync(file, "utf8");
const c = NodeCompiler.create({ workspace: path.dirname(file), fontArgs: [{ fontPaths: [fonts] }] });
let bytes = 0, total = 0, best = 1e9;
for (let i = -3; i < n; i++) {
  c.evictCache(0);
  const t = process.hrtime.bigint();
  const pdf = c.pdf({ mainFileContent: src + "\n// " + i + "\n" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  bytes = pdf.length;
  if (i < 0) continue; // warm-up: fonts loaded, code paged in
  total += ms;
  if (ms < best) best = ms;
}
const pkg = require("@myriaddreamin/typst-ts-node-compiler/package.json");
console.log(`typst-inproc ${(total / n).toFixed(2)} ${best.toFixed(2)} ${bytes} typst.ts-${pkg.version}`);
