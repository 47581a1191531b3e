import type { IncomingMessage, ServerResponse } from 'node:http';

/** What body-parser reports (an http-errors error): a client error with a `type` such as `entity.too.large`. */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, type, expose } = error as Record<string, unknown>;
  return expose === true && typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Answers a body the JSON parser refused — too large (413), not JSON (400), an unsupported charset or
 * encoding (415) — in the GraphQL error shape every client already reads (docs/RULES.md §11), on every route.
 */
export function requestBodyErrorHandler(limitBytes: number) {
  // Express recognizes an error handler by its four parameters.
  return (error: unknown, _req: IncomingMessage, res: ServerResponse, next: (error: unknown) => void): void => {
    if (!isBodyParserError(error)) return next(error);
    const message =
      error.type === 'entity.too.large'
        ? `The request body is larger than the limit of ${limitBytes} bytes`
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : error.message;
    res.statusCode = error.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', fields: [] } }] }));
  };
}
