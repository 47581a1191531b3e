import {
  GraphQLError,
  Kind,
  coerceInputValue,
  isInputType,
  isNonNullType,
  typeFromAST,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { BadUserInputError, type FieldError } from '../errors/dure-error.js';

/** As many problems as graphql-js itself reports before it stops. */
export const MAX_VARIABLE_PROBLEMS = 50;

/** Where each variable is used, as argument paths: `$price` in `createListing(input: { price: $price })` is `input.price`. */
function argumentPathsOfVariables(document: DocumentNode, operation: OperationDefinitionNode): Map<string, Set<string>> {
  const paths = new Map<string, Set<string>>();
  const collect = (value: ValueNode, path: string): void => {
    if (value.kind === Kind.VARIABLE) paths.set(value.name.value, (paths.get(value.name.value) ?? new Set()).add(path));
    else if (value.kind === Kind.LIST) value.values.forEach((item, index) => collect(item, `${path}[${index}]`));
    else if (value.kind === Kind.OBJECT) for (const field of value.fields) collect(field.value, `${path}.${field.name.value}`);
  };
  const visitor = {
    Argument(node: ArgumentNode) {
      collect(node.value, node.name.value);
    },
  };
  visit(operation, visitor);
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  return paths;
}

function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

// graphql-js reports these two at the enclosing object, naming the field only in its message.
const REQUIRED_FIELD = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/;
const UNKNOWN_FIELD = /^Field "(\w+)" is not defined by type "(\w+)"\.(.*)$/;

/** One problem graphql-js found in a variable, at its argument path, in the words of our own messages. */
function problemAt(field: string, path: ReadonlyArray<string | number>, invalidValue: unknown, error: GraphQLError): FieldError {
  const at = field + pathText(path);
  if (invalidValue === null || invalidValue === undefined) return { field: at, message: 'must not be null' };
  const required = REQUIRED_FIELD.exec(error.message);
  if (required) return { field: `${at}.${required[1]}`, message: 'is required' };
  const unknown = UNKNOWN_FIELD.exec(error.message);
  if (unknown) return { field: `${at}.${unknown[1]}`, message: `is not a field of ${unknown[2]}${unknown[3] && `.${unknown[3]}`}` };
  return { field: at, message: error.message };
}

/**
 * Every problem of the operation's variables, each at the argument path where the variable is used (its
 * `$name` when it is used at several), as graphql-js coerces them (docs/RULES.md §11). graphql-js would
 * report them too, but only as sentences: this keeps each problem's path for `fields`. Production hides the
 * suggestions (`Did you mean "title"?`), which would name schema fields that introspection hides.
 */
export function variableProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  hideSuggestions: boolean,
): FieldError[] {
  const usages = argumentPathsOfVariables(document, operation);
  const problems: FieldError[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    if (problems.length >= MAX_VARIABLE_PROBLEMS) break;
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // Validation has already refused a variable of an unknown or output type.
    if (!type || !isInputType(type)) continue;
    const paths = usages.get(name);
    const field = paths?.size === 1 ? [...paths][0] : `$${name}`;
    if (!Object.hasOwn(variables, name)) {
      if (!definition.defaultValue && isNonNullType(type)) problems.push({ field, message: 'is required' });
      continue;
    }
    coerceInputValue(variables[name], type, (path, invalidValue, error) => problems.push(problemAt(field, path, invalidValue, error)), hideSuggestions);
  }
  return problems.slice(0, MAX_VARIABLE_PROBLEMS);
}

/** The refusal of invalid variables, before execution: HTTP 400, in the shape of any BAD_USER_INPUT. */
export function invalidVariablesError(problems: FieldError[]): GraphQLError {
  const refusal = new BadUserInputError(problems);
  return new GraphQLError(refusal.message, { originalError: refusal, extensions: { http: { status: 400 } } });
}
