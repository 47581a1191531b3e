import { Kind, type DirectiveNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * What an operation asks for, read from its syntax alone. A fragment counts wherever it is spread, as
 * it runs there; each fragment is measured once, so a chain of fragments spreading the next several
 * times costs linear time to measure however many paths it unfolds to.
 */
export interface OperationShape {
  /** How many selection sets nest below a root field (`{ me { id } }` is 1); introspection fields are not counted. */
  depth: number;
  /** Field selections with an alias. */
  aliases: number;
  /** Directives on the operation, its variables, fields, fragments and spreads. */
  directives: number;
  /** Distinct response keys at the root: fields under one key run once (`__typename` is none). */
  rootFields: number;
}

interface SelectionSetShape {
  depth: number;
  aliases: number;
  directives: number;
  /** Response keys of this set, fragments' included. */
  keys: Set<string>;
}

const NOTHING: SelectionSetShape = { depth: 0, aliases: 0, directives: 0, keys: new Set() };

const directiveCount = (directives: readonly DirectiveNode[] | undefined) => directives?.length ?? 0;

export function operationShape(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const measured = new Map<string, SelectionSetShape>();

  const fragmentShape = (name: string): SelectionSetShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Validation refuses unknown and cyclic fragments; until it has run, they measure as nothing.
    measured.set(name, NOTHING);
    if (!fragment) return NOTHING;
    const inner = shapeOf(fragment.selectionSet);
    const shape = { ...inner, directives: inner.directives + directiveCount(fragment.directives) };
    measured.set(name, shape);
    return shape;
  };

  const shapeOf = (set: SelectionSetNode): SelectionSetShape => {
    const shape: SelectionSetShape = { depth: 0, aliases: 0, directives: 0, keys: new Set() };
    const add = (inner: SelectionSetShape, depth: number) => {
      shape.depth = Math.max(shape.depth, depth);
      shape.aliases += inner.aliases;
      shape.directives += inner.directives;
    };
    for (const selection of set.selections) {
      shape.directives += directiveCount(selection.directives);
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) shape.aliases++;
        const inner = selection.selectionSet ? shapeOf(selection.selectionSet) : NOTHING;
        const introspection = selection.name.value.startsWith('__');
        add(inner, introspection || !selection.selectionSet ? 0 : 1 + inner.depth);
        if (!introspection) shape.keys.add(selection.alias?.value ?? selection.name.value);
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? shapeOf(selection.selectionSet) : fragmentShape(selection.name.value);
        add(inner, inner.depth);
        for (const key of inner.keys) shape.keys.add(key);
      }
    }
    return shape;
  };

  const root = shapeOf(operation.selectionSet);
  const variableDirectives = (operation.variableDefinitions ?? []).reduce((sum, variable) => sum + directiveCount(variable.directives), 0);
  return {
    depth: root.depth,
    aliases: root.aliases,
    directives: root.directives + directiveCount(operation.directives) + variableDirectives,
    rootFields: root.keys.size,
  };
}
