// A small GraphQL client over fetch for seeding and checks, and a bounded-concurrency map.

export class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
    this.errors = errors;
  }
}

export const body = (query, variables = {}) => JSON.stringify({ query, variables });

/** Posts one operation; returns `data` or throws a GraphQLError carrying the response's errors. */
export async function gql(url, query, variables = {}, token, extraHeaders = {}) {
  const headers = { 'content-type': 'application/json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: body(query, variables) });
  const answer = await response.json();
  if (answer.errors?.length) throw new GraphQLError(answer.errors);
  return answer.data;
}

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { accessToken } }`;
/** Access tokens last 15 minutes by default; log in again well before that. */
const TOKEN_REFRESH_MS = 10 * 60 * 1000;

/** An account the bench acts as; `token()` logs in again when the last token is getting old. */
export class Account {
  constructor(url, email, password, token = null) {
    this.url = url;
    this.email = email;
    this.password = password;
    this.accessToken = token;
    this.tokenAt = token ? Date.now() : 0;
  }

  async token() {
    if (!this.accessToken || Date.now() - this.tokenAt > TOKEN_REFRESH_MS) {
      const data = await gql(this.url, LOG_IN, { input: { email: this.email, password: this.password } });
      this.accessToken = data.logIn.accessToken;
      this.tokenAt = Date.now();
    }
    return this.accessToken;
  }

  async gql(query, variables) {
    return gql(this.url, query, variables, await this.token());
  }
}

/** Maps `items` through `work` with at most `concurrency` at a time, in order; reports every `every` done. */
export async function mapConcurrently(items, concurrency, work, onProgress = () => {}) {
  const results = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
      onProgress(++done, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
