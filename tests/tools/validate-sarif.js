#!/usr/bin/env node
// Validates SARIF files against the official SARIF 2.1.0 schema (draft-04, as shipped in
// @microsoft/jest-sarif) with ajv. Usage: node validate-sarif.js FILE...; exit 1 on any error.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schemaPath = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas',
                             'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
// unicodeRegExp: false: one pattern in the schema is not valid under the `u` flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: validate-sarif.js FILE...');
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not JSON: ${e.message}`);
    failed++;
    continue;
  }
  if (validate(log)) {
    console.log(`${file}: valid SARIF 2.1.0`);
  } else {
    failed++;
    for (const err of validate.errors) console.error(`${file}: ${err.instancePath || '/'} ${err.message}`);
  }
}
process.exit(failed ? 1 : 0);
