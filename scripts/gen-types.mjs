// Generates, from schemas/backup-plan.schema.json, the two files that must never drift from it:
// src/config/raw-plan.ts (the RawPlan type) and src/config/plan-validator.ts (ajv's compiled
// validator, so that `cellar` does not compile the schema at every start).
// `node scripts/gen-types.mjs` writes them; `--check` exits 1 when a committed file differs.
import { readFile, writeFile } from 'node:fs/promises';
import { argv, exit, stderr } from 'node:process';
import { URL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { compile } from 'json-schema-to-typescript';

const schemaFile = new URL('../schemas/backup-plan.schema.json', import.meta.url);
const header = `Generated from schemas/backup-plan.schema.json by scripts/gen-types.mjs; do not edit.
 * Change the schema, then run \`npm run gen:types\`. A test fails when this file is stale.`;

const schema = JSON.parse(await readFile(schemaFile, 'utf8'));
const outputs = [
  { file: new URL('../src/config/raw-plan.ts', import.meta.url), text: await rawPlanTypes(schema) },
  { file: new URL('../src/config/plan-validator.ts', import.meta.url), text: validatorModule(schema) },
];

if (argv.includes('--check')) {
  for (const { file, text } of outputs) {
    if ((await readFile(file, 'utf8').catch(() => '')) !== text) {
      stderr.write(`${file.pathname} is stale: run \`npm run gen:types\` and commit the result.\n`);
      exit(1);
    }
  }
} else {
  for (const { file, text } of outputs) await writeFile(file, text);
}

async function rawPlanTypes(schema) {
  return compile(namedReferences(schema), 'RawPlan', {
    // Index signatures are what json-schema-to-typescript writes for maps of names.
    bannerComment: `/*\n * ${header}\n */\n/* eslint-disable @typescript-eslint/consistent-indexed-object-style */`,
    additionalProperties: false,
    unreachableDefinitions: true,
    style: { singleQuote: true, printWidth: 120 },
  });
}

/**
 * ajv's standalone code for the schema. It is plain JavaScript, hence unchecked; its few runtime
 * helpers (ajv/dist/runtime/*) are loaded with CommonJS `require`, given to it by createRequire.
 */
function validatorModule(schema) {
  // These options are the validator's contract with src/config/schema-problems.ts: every error,
  // each with its data and parent schema. Tuples stay open: an argv list is a program, then any arguments.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false, verbose: true, code: { source: true, esm: true, lines: true } });
  const code = standaloneCode(ajv, ajv.compile(schema));
  return [
    `/*\n * ${header}\n */`,
    '/* eslint-disable */',
    '// @ts-nocheck',
    "import { createRequire } from 'node:module';",
    'const require = createRequire(import.meta.url);',
    code.replace('"use strict";', ''),
    '',
  ].join('\n');
}

/**
 * json-schema-to-typescript emits a new numbered type for every `$ref` that has a sibling
 * `description`. Instead, a reference to a titled definition becomes that type's name, and an
 * untitled (scalar) definition is inlined, so each property keeps its own description.
 */
function namedReferences(root) {
  const defs = root.$defs;
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const { $ref, ...rest } = node;
    const siblings = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, rewrite(value)]));
    if ($ref === undefined) return siblings;
    const def = defs[$ref.replace('#/$defs/', '')];
    if (def.title !== undefined) return { ...siblings, tsType: def.title };
    const inlined = rewrite(def);
    delete inlined.description;
    return { ...inlined, ...siblings };
  };
  const titled = Object.fromEntries(Object.entries(defs).filter(([, def]) => def.title !== undefined));
  return { ...rewrite({ ...root, $defs: undefined }), $defs: rewrite(titled) };
}
