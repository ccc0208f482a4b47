import { HrError } from './errors';

/** One CSV record and the line it starts on (a quoted cell may span lines, so record ≠ line). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

function invalid(line: number, message: string): HrError {
  return new HrError('dictionary.csv_invalid', `line ${line}: ${message}`, { line });
}

/**
 * Reads RFC 4180 CSV: cells separated by commas, records by CRLF (LF and CR alone are accepted too),
 * cells in double quotes may hold commas, line breaks and quotes written twice (""). A leading byte
 * order mark (Excel writes one) and blank lines are skipped.
 */
export function readCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quotedCellLine = 0;
  let afterQuote = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    afterQuote = false;
  };

  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
      continue;
    }
    if (c === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (afterQuote) {
      throw invalid(
        line,
        `unexpected ${JSON.stringify(c)} after a closing quote; a quoted cell must end at a comma or the end of the line.`,
      );
    } else if (c === '"') {
      if (cell !== '')
        throw invalid(
          line,
          'a quote inside an unquoted cell; put the whole cell in quotes and write the quote twice ("").',
        );
      quoted = true;
      quotedCellLine = line;
    } else {
      cell += c;
    }
  }
  if (quoted) throw invalid(quotedCellLine, 'a quoted cell is never closed.');
  if (cell !== '' || cells.length > 0 || afterQuote) endRecord();
  return records;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Writes RFC 4180 CSV with CRLF line ends, quoting only cells that need it. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((row) => row.map((cell) => (NEEDS_QUOTES.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
    .map((line) => `${line}\r\n`)
    .join('');
}
