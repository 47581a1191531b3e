import type { ApolloServerPlugin } from '@apollo/server';
import { HttpException, type Logger } from '@nestjs/common';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DureError, ERROR_CODES, type ErrorCode } from './dure-error.js';

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'RATE_LIMITED',
};

interface Classified {
  code: ErrorCode;
  message: string;
  fields?: Array<{ field: string; message: string }>;
}

/**
 * By shape, not instanceof: Apollo throws subclasses (SyntaxError, ValidationError…), and a test runner
 * or bundler may load a second copy of `graphql`.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return typeof error === 'object' && error !== null && 'extensions' in error && 'originalError' in error && 'locations' in error;
}

/** Decides what a client may learn from an error; `null` means unexpected (an internal error). */
export function classifyError(error: unknown): Classified | null {
  const cause = isGraphQLError(error) ? error.originalError : undefined;
  const original = cause && !isGraphQLError(cause) ? cause : error;
  if (original instanceof DureError) {
    return { code: original.code, message: original.message, ...(original.code === 'BAD_USER_INPUT' ? { fields: original.fields ?? [] } : {}) };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (!code) return null;
    const response = original.getResponse();
    const message = typeof response === 'object' && response && 'message' in response ? String(response.message) : original.message;
    return { code, message, ...(code === 'BAD_USER_INPUT' ? { fields: [] } : {}) };
  }
  // GraphQL's own refusals before execution (parse, validation, variable coercion, unknown operation)
  // have no path; a code-less error during execution (a non-null violation) is our bug.
  if (isGraphQLError(original)) {
    const code = original.extensions?.code ?? (original.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT');
    if (code === 'INTERNAL_SERVER_ERROR') return null;
    if (ERROR_CODES.includes(code as ErrorCode) && code !== 'BAD_USER_INPUT') return { code: code as ErrorCode, message: original.message };
    const fields = Array.isArray(original.extensions?.fields) ? (original.extensions.fields as Classified['fields']) : [];
    return { code: 'BAD_USER_INPUT', message: original.message, fields };
  }
  return null;
}

/** Apollo's formatError: the one place where errors become what clients see (docs/RULES.md §11). */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const known = classifyError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (!known) {
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return {
    ...base,
    message: known.message,
    extensions: { code: known.code, ...(known.fields ? { fields: known.fields } : {}) },
  };
}

/** graphql-js's hint at names the schema has, which ends its message: ` Did you mean "title"?`. */
const SUGGESTION = / ?Did you mean (.+?)\?$/;

/** Production's formatError: without introspection, error messages must not list the schema's names either. */
export function formatGraphQLErrorWithoutSuggestions(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const result = formatGraphQLError(formatted, error);
  return { ...result, message: result.message.replace(SUGGESTION, '') };
}

/** Logs unexpected errors with the request id (their details never reach the client). */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<{ req?: { id?: unknown } }> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            if (classifyError(error)) continue;
            const cause = error.originalError ?? error;
            logger.error({ err: cause, requestId: contextValue.req?.id, operationName, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}
