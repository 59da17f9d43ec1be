// Validates every element template in .camunda/element-templates against the Camunda 7 element-template JSON schema
// (npm package @camunda/element-templates-json-schema, pinned in package.json). Run by `npm run lint:templates`.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const folder = path.join(__dirname, '..', '.camunda', 'element-templates');
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

let checked = 0;
let invalid = 0;
for (const file of fs.readdirSync(folder).filter(f => f.endsWith('.json')).sort()) {
  const name = `.camunda/element-templates/${file}`;
  let template;
  try {
    template = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  } catch (e) {
    console.error(`${name}: not valid JSON: ${e.message}`);
    invalid++;
    continue;
  }
  checked++;
  if (!validate(template)) {
    invalid++;
    for (const error of validate.errors) {
      console.error(`${name}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
    }
  }
}
if (checked === 0) {
  console.error(`No element templates in ${folder}`);
  process.exit(1);
}
console.log(`Element templates: ${checked} checked against the Camunda 7 schema, ${invalid} invalid`);
process.exit(invalid === 0 ? 0 : 1);
