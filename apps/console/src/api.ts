import { RefreshSessionDocument, type TypedDocumentString } from './generated/graphql';

/** One GraphQL error as the API sends it (docs/RULES.md §11): a code, and for BAD_USER_INPUT the fields at fault. */
interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; fields?: Array<{ field: string; message: string }> };
}

/** A refused request: its first error's code and message, shown to the person as it is (the API answers in Korean where people read it). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly fields: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}

/**
 * The server's problems by field name (BAD_USER_INPUT's `fields`), an input object's fields by their own
 * name (`input.trackingNumber` → `trackingNumber`); none for another error.
 */
export function fieldProblems(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.fields.map((problem) => [problem.field.replace(/^input\./, ''), problem.message]));
}

const REFRESH_TOKEN_KEY = 'dure.console.refreshToken';

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/**
 * The session: the access token lives in memory only; the refresh token in localStorage, so a reload or a
 * new tab continues the session (refreshSession rotates it; a reused one revokes the session).
 */
class Session {
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private readonly listeners = new Set<() => void>();

  get refreshToken(): string | null {
    return localStorage.getItem(REFRESH_TOKEN_KEY);
  }

  get signedIn(): boolean {
    return this.accessToken !== null || this.refreshToken !== null;
  }

  store(tokens: Tokens | null): void {
    this.accessToken = tokens?.accessToken ?? null;
    if (tokens) localStorage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
    else localStorage.removeItem(REFRESH_TOKEN_KEY);
    this.listeners.forEach((listener) => listener());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends `document`; an expired access token is refreshed once and the request sent again. */
  async request<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
    if (!this.accessToken && this.refreshToken) await this.refresh();
    try {
      return await send(document, variables, this.accessToken);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== 'UNAUTHENTICATED' || !(await this.refresh())) throw error;
      return send(document, variables, this.accessToken);
    }
  }

  /** One refresh at a time: concurrent requests wait for the same rotation rather than reusing the old token. */
  private refresh(): Promise<boolean> {
    this.refreshing ??= this.rotate().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async rotate(): Promise<boolean> {
    const refreshToken = this.refreshToken;
    if (!refreshToken) return false;
    try {
      const { refreshSession } = await send(RefreshSessionDocument, { refreshToken }, null);
      this.store(refreshSession);
      return true;
    } catch {
      this.store(null);
      return false;
    }
  }
}

const UNREACHABLE = '서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.';

/** The first error of an answer in the API's error shape, as an ApiError; none when it carries none. */
async function refusalIn(response: Response): Promise<{ data?: unknown; refusal?: ApiError }> {
  const body = (await response.json().catch(() => ({}))) as { data?: unknown; errors?: GraphQLErrorBody[] };
  const [first] = body.errors ?? [];
  return { data: body.data, refusal: first && new ApiError(first.message, first.extensions?.code ?? 'INTERNAL_SERVER_ERROR', first.extensions?.fields) };
}

/**
 * PUTs a file to the URL requestListingImageUpload gave (a bucket's presigned one, or this server's with
 * local storage), with the headers it named; a refusal becomes an ApiError.
 */
export async function putFile(target: { url: string; method: string; headers: Array<{ name: string; value: string }> }, file: Blob): Promise<void> {
  let response: Response;
  try {
    response = await fetch(target.url, {
      method: target.method,
      headers: Object.fromEntries(target.headers.map(({ name, value }) => [name, value])),
      body: file,
    });
  } catch {
    throw new ApiError(UNREACHABLE, 'NETWORK');
  }
  if (response.ok) return;
  throw (await refusalIn(response)).refusal ?? new ApiError(`파일을 올리지 못했습니다 (HTTP ${response.status}).`, 'INTERNAL_SERVER_ERROR');
}

async function send<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables | undefined,
  accessToken: string | null,
): Promise<TResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: document.toString(), variables }) });
  } catch {
    throw new ApiError(UNREACHABLE, 'NETWORK');
  }
  const { data, refusal } = await refusalIn(response);
  if (refusal) throw refusal;
  if (!data) throw new ApiError(`서버 응답을 읽을 수 없습니다 (HTTP ${response.status}).`, 'INTERNAL_SERVER_ERROR');
  return data as TResult;
}

export const session = new Session();
