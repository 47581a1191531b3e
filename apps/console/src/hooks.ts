import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { session } from './api';
import type { TypedDocumentString } from './generated/graphql';

/** A query keyed by its document and variables; `enabled: false` waits (for an id not known yet). */
export function useApiQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, { enabled = true } = {}) {
  return useQuery({ queryKey: [document.toString(), variables], queryFn: () => session.request(document, variables), enabled });
}

/** One page of a list as the API answers it (a Relay connection). */
interface ListPage<TNode> {
  nodes: TNode[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Every page of a list query, fetched in turn (each from the last one's `endCursor`) into one list of nodes: for a
 * screen that shows all of a bounded range, such as a week of reservations.
 */
export function useApiAllPages<TResult, TVariables extends { after?: string | null }, TNode>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: Omit<TVariables, 'after'>,
  pageOf: (result: TResult) => ListPage<TNode>,
) {
  return useQuery({
    queryKey: [document.toString(), variables],
    queryFn: async () => {
      const nodes: TNode[] = [];
      let after: string | null = null;
      do {
        const page = pageOf(await session.request(document, { ...variables, after } as TVariables));
        nodes.push(...page.nodes);
        after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
      } while (after);
      return nodes;
    },
  });
}

/** Requests done as one step (an upload and what follows it), after which every query is fetched again. */
export function useApiSteps<TResult, TVariables>(steps: (variables: TVariables) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: steps, onSuccess: () => client.invalidateQueries() });
}

/** A mutation after which every query is fetched again: the screens are small and the server decides what changed. */
export function useApiMutation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>) {
  return useApiSteps((variables: TVariables) => session.request(document, variables));
}
