/** A cell of a CSV document: text, or an integer written without separators. */
export type CsvCell = string | number | null;

/** Byte order mark: without it Excel reads a UTF-8 CSV as the local code page (CP949) and garbles Hangul. */
const BOM = '\uFEFF';
const CRLF = '\r\n';
/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;
/** Text a spreadsheet would run as a formula (CSV injection); written with a leading apostrophe instead. */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document for spreadsheets (Excel first): UTF-8 with BOM, CRLF after every record, RFC 4180 quoting;
 * text that would start a formula gets a leading apostrophe.
 */
export function spreadsheetCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  return BOM + [header, ...rows].map((record) => record.map(field).join(',') + CRLF).join('');
}
