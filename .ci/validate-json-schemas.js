// Validates the tool's JSON outputs against the published schemas (docs/*.schema.json, draft 2020-12)
// with ajv, a second validator beside the tests' JsonSchema.Net.
// Usage: node validate-json-schemas.js SCHEMA=FILE... (needs ajv on NODE_PATH)
const Ajv2020 = require("ajv/dist/2020");
const fs = require("fs");
const ajv = new Ajv2020({ allErrors: true, strict: true });
const compiled = new Map();
let bad = 0;
for (const pair of process.argv.slice(2)) {
  const [schemaPath, file] = pair.split("=");
  if (!compiled.has(schemaPath)) compiled.set(schemaPath, ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8"))));
  const validate = compiled.get(schemaPath);
  if (validate(JSON.parse(fs.readFileSync(file, "utf8")))) console.log(`${file}: matches ${schemaPath}`);
  else { bad++; for (const e of validate.errors.slice(0, 20)) console.log(`${file}: ${e.instancePath} ${e.message}`); }
}
process.exit(bad ? 1 : 0);
