import { spreadsheetCsv } from './spreadsheet-csv.js';

describe('spreadsheetCsv', () => {
  it('writes a BOM, CRLF after every record, integers without separators and null as empty', () => {
    expect(
      spreadsheetCsv(
        ['이름', '금액'],
        [
          ['가', 1234567],
          ['나', null],
        ],
      ),
    ).toBe('\uFEFF이름,금액\r\n가,1234567\r\n나,\r\n');
  });

  it('quotes fields with a comma, a quote or a line break (RFC 4180), doubling the quotes', () => {
    expect(spreadsheetCsv(['a'], [['x, y'], ['say "hi"'], ['two\nlines'], ['plain']])).toBe('\uFEFFa\r\n"x, y"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n');
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(spreadsheetCsv(['a'], [['=SUM(A1)'], ['+1'], ['-x'], ['@me'], ['a=b']])).toBe("\uFEFFa\r\n'=SUM(A1)\r\n'+1\r\n'-x\r\n'@me\r\na=b\r\n");
  });

  it('is the header alone for no rows', () => {
    expect(spreadsheetCsv(['a', 'b'], [])).toBe('\uFEFFa,b\r\n');
  });
});
