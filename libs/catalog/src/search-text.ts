/**
 * Korean search terms are short: 돌봄 is two syllables and 떡 one, and a trigram index cannot look up a
 * pattern shorter than three characters, so PostgreSQL would read every row. The search column therefore
 * stores every character three times and a term is matched tripled too: any term of n ≥ 1 characters
 * becomes a pattern of 3n, which has trigrams. Matching stays exact substring matching: a tripled term can
 * only line up with the tripled text at a character boundary, except inside a run of one repeated
 * character, where the original text contains the term as well.
 */
function tripled(text: string): string {
  return [...text].map((character) => character.repeat(3)).join('');
}

/** The `search_text` of a listing: title, summary and the agency's organization name. */
export function searchTextOf(title: string, summary: string | null, organizationName: string): string {
  return tripled([title, summary, organizationName].filter(Boolean).join('\n'));
}

/** The `ILIKE` pattern that finds `term` anywhere in a search text (`%` and `_` taken literally). */
export function searchPatternOf(term: string): string {
  return `%${tripled(term).replace(/[\\%_]/g, '\\$&')}%`;
}
