// Validates SARIF files against the OASIS SARIF 2.1.0 JSON schema (draft-04) with ajv.
// Usage: node validate-sarif-schema.js SCHEMA FILE... (needs ajv, ajv-draft-04, ajv-formats on NODE_PATH)
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const fs = require("fs");
const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
let bad = 0;
for (const f of files) {
  const ok = validate(JSON.parse(fs.readFileSync(f, "utf8")));
  if (ok) console.log(`${f}: matches the SARIF 2.1.0 schema`);
  else { bad++; for (const e of validate.errors.slice(0, 20)) console.log(`${f}: ${e.instancePath} ${e.message}`); }
}
process.exit(bad ? 1 : 0);
