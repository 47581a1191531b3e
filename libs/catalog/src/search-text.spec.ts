import fc from 'fast-check';
import { searchPatternOf, searchTextOf } from './search-text.js';

/** What PostgreSQL's `text ILIKE pattern ESCAPE '\'` answers, for patterns of the form `%literal%`. */
function ilikeContains(text: string, pattern: string): boolean {
  const literal = pattern.slice(1, -1).replace(/\\(.)/g, '$1');
  return text.toLowerCase().includes(literal.toLowerCase());
}

describe('search text', () => {
  it('finds a term in the title, the summary or the organization name, Korean and one syllable included', () => {
    const text = searchTextOf('어르신 방문 돌봄', '떡과 차', '햇살돌봄 사회적협동조합');
    for (const term of ['돌봄', '방문 돌', '떡', '햇살돌봄', '사회적협동조합', '조합']) expect(ilikeContains(text, searchPatternOf(term))).toBe(true);
    for (const term of ['돌 봄', '봄돌', '빵', '돌봄 떡']) expect(ilikeContains(text, searchPatternOf(term))).toBe(false);
  });

  it('gives every term of one character or more at least one trigram', () => {
    expect(searchPatternOf('떡')).toBe('%떡떡떡%');
    expect(searchPatternOf('돌봄')).toBe('%돌돌돌봄봄봄%');
  });

  it('takes % and _ literally', () => {
    expect(searchPatternOf('50%_')).toBe('%555000\\%\\%\\%\\_\\_\\_%');
    expect(ilikeContains(searchTextOf('할인 50%', null, '조합'), searchPatternOf('0%'))).toBe(true);
    expect(ilikeContains(searchTextOf('할인 50', null, '조합'), searchPatternOf('%'))).toBe(false);
  });

  it('matches exactly when the original text contains the term (ignoring case), whatever the strings', () => {
    const alphabet = fc.constantFrom('a', 'A', 'b', '돌', '봄', ' ', '%');
    const text = fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join(''));
    const term = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, text, term, (title, organization, query) => {
        const original = `${title}\n${organization}`.toLowerCase();
        const stored = searchTextOf(title, null, organization);
        expect(ilikeContains(stored, searchPatternOf(query))).toBe(original.includes(query.toLowerCase()));
      }),
      { numRuns: 2000 },
    );
  });
});
