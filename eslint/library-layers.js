// Dure's own lint rule: libraries import only libraries below them, and only through their index.ts.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The layer of each library (docs/ARCHITECTURE.md): a library may import only libraries of a lower layer;
 * libraries of one layer are peers and may not import each other. A new library gets its layer here.
 */
export const LIBRARY_LAYERS = {
  common: 0,
  calendar: 1,
  identity: 1,
  ledger: 1,
  payments: 2,
  membership: 3,
  catalog: 4,
  booking: 5,
  commerce: 5,
  media: 5,
  subscriptions: 6,
  affiliate: 7,
  settlement: 8,
  reports: 9,
  notifications: 9,
};

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** `{ library, rest }` for a path under libs/<library>/, else null. */
function libraryOf(path) {
  const parts = relative(ROOT, path).split(sep);
  return parts[0] === 'libs' && parts.length > 1 ? { library: parts[1], rest: parts.slice(2).join('/') } : null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const libraryLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Libraries import lower layers only, through their index.ts' },
    schema: [],
    messages: {
      unknownLibrary: "Library '{{library}}' has no layer: add it to LIBRARY_LAYERS in eslint/library-layers.js.",
      upward: "'{{from}}' (layer {{fromLayer}}) may not import '{{to}}' (layer {{toLayer}}): libraries import only lower layers.",
      deep: "Import '{{to}}' through its index (libs/{{to}}/src/index.js), not '{{path}}'.",
    },
  },
  create(context) {
    const from = libraryOf(context.filename);
    const check = (node) => {
      const source = node.source;
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = libraryOf(resolve(dirname(context.filename), source.value));
      if (!target || (from && target.library === from.library)) return;
      for (const library of [from?.library, target.library]) {
        if (library && !(library in LIBRARY_LAYERS)) context.report({ node: source, messageId: 'unknownLibrary', data: { library } });
      }
      if (target.rest !== 'src/index.js') context.report({ node: source, messageId: 'deep', data: { to: target.library, path: source.value } });
      if (from && LIBRARY_LAYERS[target.library] >= LIBRARY_LAYERS[from.library]) {
        context.report({
          node: source,
          messageId: 'upward',
          data: { from: from.library, fromLayer: LIBRARY_LAYERS[from.library], to: target.library, toLayer: LIBRARY_LAYERS[target.library] },
        });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
