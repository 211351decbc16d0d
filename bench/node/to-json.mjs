// Converts a YAML values file to JSON (YAML 1.1, as Helm reads it) for ajv-cli's JSON input:
//   node bench/node/to-json.mjs values.yaml values.json
import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node to-json.mjs <values.yaml> <values.json>");
  process.exit(2);
}
const data = parse(readFileSync(input, "utf8"), { version: "1.1", maxAliasCount: 100 });
writeFileSync(output, JSON.stringify(data, null, 2) + "\n");
