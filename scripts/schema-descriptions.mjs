#!/usr/bin/env node
// `npm run schema:descriptions [schema.graphql] [pending.json]`: every type, field, argument, input field and
// enum value of the schema must have a description (root types excepted: their fields carry the meaning).
// Fails on any that lacks one unless the pending list names its type (`Listing`) or its field (`Query.listings`);
// also fails on a pending entry that no longer lacks anything or names nothing, so the list only shrinks.
// An empty pending list is the normal state: everything is described, and new items are described when added.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [schemaPath = resolve(root, 'schema.graphql'), pendingPath = resolve(root, 'scripts/schema-descriptions.pending.json')] = process.argv.slice(2);

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const KINDS = ['type', 'field', 'argument', 'input field', 'enum value'];

/** Every describable thing of the schema as `{ kind, coordinate, owner, described }`; `owner` is its type's name. */
function describables(document) {
  const items = [];
  const add = (kind, coordinate, owner, node) => items.push({ kind, coordinate, owner, described: Boolean(node.description?.value.trim()) });
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name) continue;
    const type = definition.name.value;
    if (!ROOT_TYPES.has(type)) add('type', type, type, definition);
    for (const field of definition.fields ?? []) {
      const input = definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION;
      add(input ? 'input field' : 'field', `${type}.${field.name.value}`, type, field);
      for (const argument of field.arguments ?? []) add('argument', `${type}.${field.name.value}(${argument.name.value}:)`, type, argument);
    }
    for (const value of definition.values ?? []) add('enum value', `${type}.${value.name.value}`, type, value);
  }
  return items;
}

/** Whether a pending entry (`Type` or `Type.field`) covers the item. */
function covers(entry, item) {
  return entry.includes('.') ? item.coordinate === entry || item.coordinate.startsWith(`${entry}(`) : item.owner === entry;
}

const items = describables(parse(readFileSync(schemaPath, 'utf8')));
const { pending } = JSON.parse(readFileSync(pendingPath, 'utf8'));
const missing = items.filter((item) => !item.described);
const unexcused = missing.filter((item) => !pending.some((entry) => covers(entry, item)));
const stale = pending.filter((entry) => !missing.some((item) => covers(entry, item)));

for (const item of missing) if (!unexcused.includes(item)) console.log(`pending: ${item.kind} ${item.coordinate}`);
for (const kind of KINDS) {
  const ofKind = items.filter((item) => item.kind === kind);
  const described = ofKind.filter((item) => item.described).length;
  console.log(`${kind}s: ${described} of ${ofKind.length} described`);
}
const pendingFile = relative(process.cwd(), pendingPath);
if (pending.length) console.log(`${missing.length - unexcused.length} without a description under the ${pending.length} entries of ${pendingFile}`);
else console.log(`nothing pending: ${pendingFile} is empty, so every item needs its description when it is added`);
for (const item of unexcused) console.log(`missing description: ${item.kind} ${item.coordinate}`);
for (const entry of stale) console.log(`pending entry with nothing left to describe (remove it): ${entry}`);
process.exit(unexcused.length || stale.length ? 1 : 0);
