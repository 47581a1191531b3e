import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { session } from './api';
import type { TypedDocumentString } from './generated/graphql';

/** A query keyed by its document and variables; `enabled: false` waits (for an id not known yet). */
export function useApiQuery<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables, { enabled = true } = {}) {
  return useQuery({ queryKey: [document.toString(), variables], queryFn: () => session.request(document, variables), enabled });
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
