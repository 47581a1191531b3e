import { readFileSync } from 'node:fs';
import { Kind, buildSchema, coerceInputValue, parse, typeFromAST, validate, type GraphQLInputType, type OperationDefinitionNode } from 'graphql';

/**
 * Every GraphQL example of README.md is valid against schema.graphql, and each one that takes variables
 * shows them in the `# { … }` comment under it, with values of the right shape. None names a fixed
 * time (DateTime): slots, offers and the test clock refuse past times, so such an example would stop
 * working once its time has passed. Calendar dates (a year's holidays) may be fixed.
 */
describe('README examples', () => {
  const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
  const isComment = (line: string) => line.trim().startsWith('#');
  const examples = [...readFileSync('README.md', 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
    .flatMap(([, block]) => block.split(/\n(?=(?:query|mutation)\b)/))
    .map((text) => {
      const lines = text.split('\n');
      const operation = parse(lines.filter((line) => !isComment(line)).join('\n')).definitions[0] as OperationDefinitionNode;
      const variables = lines
        .filter(isComment)
        .map((line) => line.replace(/^\s*#\s?/, ''))
        .join(' ')
        .match(/\{.*\}/)?.[0];
      return { name: operation.name?.value ?? '(anonymous)', text, operation, variables };
    });

  it('has examples', () => expect(examples.length).toBeGreaterThan(20));

  it.each(examples)('$name is valid, shows its variables and names no fixed time', ({ text, operation, variables }) => {
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT/);
    expect(validate(schema, { kind: Kind.DOCUMENT, definitions: [operation] }).map((e) => e.message)).toEqual([]);
    const definitions = operation.variableDefinitions ?? [];
    if (!definitions.length) return;
    expect(variables).toBeDefined();
    const values = JSON.parse(variables!) as Record<string, unknown>;
    for (const definition of definitions) {
      coerceInputValue(values[definition.variable.name.value], typeFromAST(schema, definition.type as never) as GraphQLInputType);
    }
  });
});
