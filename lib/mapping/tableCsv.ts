import { HrError } from '../errors';
import { readCsv, writeCsv } from '../csv';
import { type MappingRow, SourceKind } from './mappingTable';
import { forbiddenSegment } from '../forbiddenKeys';

/** The CSV columns, one row per target field, as a spreadsheet shows them. */
export const TABLE_CSV_COLUMNS = ['target', 'from', 'source', 'transform', 'args', 'default', 'required'] as const;
type Column = (typeof TABLE_CSV_COLUMNS)[number];

const YES = new Set(['yes', 'true', '1', 'y']);
const NO = new Set(['no', 'false', '0', 'n', '']);

function invalid(line: number, message: string): HrError {
  return new HrError('mapper.csv_invalid', `line ${line}: ${message}`, { line });
}

export function tableToCsv(rows: readonly MappingRow[]): string {
  return writeCsv([
    TABLE_CSV_COLUMNS,
    ...rows.map((row) =>
      TABLE_CSV_COLUMNS.map((column) => (column === 'required' ? (row.required ? 'yes' : 'no') : row[column])),
    ),
  ]);
}

/**
 * Reads a table exported by tableToCsv or written in a spreadsheet: a header naming the columns (in
 * any order; only `target` and `source` are needed), then one row per target field. Cells are taken
 * as written; the compiler checks what they mean and names the row.
 */
export function tableFromCsv(text: string): MappingRow[] {
  const [header, ...records] = readCsv(text);
  if (!header)
    throw new HrError(
      'mapper.csv_invalid',
      'The CSV is empty; it needs a header line such as target,from,source,transform,args,default,required.',
    );
  const positions = new Map<Column, number>();
  header.cells.forEach((cell, i) => {
    const name = cell.trim() as Column;
    if (!TABLE_CSV_COLUMNS.includes(name))
      throw invalid(header.line, `unknown column "${cell}"; the columns are ${TABLE_CSV_COLUMNS.join(', ')}.`);
    if (positions.has(name)) throw invalid(header.line, `the column "${name}" appears twice.`);
    positions.set(name, i);
  });
  for (const needed of ['target', 'source'] as const) {
    if (!positions.has(needed)) throw invalid(header.line, `the header has no "${needed}" column.`);
  }
  return records.map(({ line, cells }) => {
    if (cells.length > header.cells.length)
      throw invalid(line, `${cells.length} cells, but the header names ${header.cells.length} columns.`);
    const cell = (column: Column): string => {
      const at = positions.get(column);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const from = SourceKind.safeParse(cell('from').trim() || 'path');
    if (!from.success)
      throw invalid(line, `"${cell('from')}" is not a kind of source; write one of ${SourceKind.options.join(', ')}.`);
    const forbidden = forbiddenSegment(cell('target').trim());
    if (forbidden)
      throw invalid(
        line,
        `the target "${cell('target').trim()}" contains "${forbidden}", which reaches the prototype every object shares; name the field differently.`,
      );
    const required = cell('required').trim().toLowerCase();
    if (!YES.has(required) && !NO.has(required))
      throw invalid(line, `required must be yes or no, not "${cell('required')}".`);
    return {
      target: cell('target').trim(),
      from: from.data,
      source: cell('source'),
      transform: cell('transform').trim(),
      args: cell('args'),
      default: cell('default'),
      required: YES.has(required),
    };
  });
}
