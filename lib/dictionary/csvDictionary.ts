import { HrError } from '../errors';
import { type CsvRecord, readCsv, writeCsv } from '../csv';
import { Dictionary, type DictionaryField } from './field';
import { readList, readTable, writeList, writeTable } from './listCell';

const COLUMNS = [
  'name',
  'label',
  'type',
  'required',
  'format',
  'maxLength',
  'allowedValues',
  'translation',
  'owner',
  'syncDirection',
  'transform',
  'sensitivity',
  'immutable',
  'description',
] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = ['name', 'label', 'type', 'owner', 'syncDirection', 'sensitivity'];

export interface CsvProblem {
  line: number;
  column?: string;
  message: string;
}

const writeTransform = (t: NonNullable<DictionaryField['transform']>): string =>
  t.args === undefined ? t.name : `${t.name}(${JSON.stringify(t.args).slice(1, -1)})`;

/** The dictionary as CSV, one field a row, for editing in a spreadsheet. The version is not a row: keep it with the file. */
export function dictionaryToCsv(dictionary: Dictionary): string {
  const rows = dictionary.fields.map((f): string[] => [
    f.name,
    f.label,
    f.type,
    String(f.required),
    f.format ?? '',
    f.maxLength === undefined ? '' : String(f.maxLength),
    f.allowedValues ? writeList(f.allowedValues) : '',
    f.translation ? writeTable(f.translation) : '',
    f.owner,
    f.syncDirection,
    f.transform ? writeTransform(f.transform) : '',
    f.sensitivity,
    f.immutable === undefined ? '' : String(f.immutable),
    f.description ?? '',
  ]);
  return writeCsv([[...COLUMNS], ...rows]);
}

type CellReader = (cell: string) => { value: unknown } | { problem: string };

const BOOLEANS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

const readBoolean: CellReader = (cell) => {
  const value = BOOLEANS.get(cell.trim().toLowerCase());
  return value === undefined ? { problem: `"${cell}" is not true or false` } : { value };
};

const CELL_READERS: Partial<Record<Column, CellReader>> = {
  required: readBoolean,
  immutable: readBoolean,
  maxLength: (cell) => (/^\d+$/.test(cell) ? { value: Number(cell) } : { problem: `"${cell}" is not a whole number` }),
  allowedValues: (cell) => ({ value: readList(cell) }),
  translation: (cell) => {
    const table = readTable(cell);
    return typeof table === 'string' ? { problem: table } : { value: table };
  },
  transform: (cell) => {
    const match = /^([A-Za-z]\w*)(?:\((.*)\))?$/s.exec(cell.trim());
    if (!match) return { problem: `"${cell}" is not written name or name(arguments), e.g. isoDate("UTC")` };
    if (match[2] === undefined) return { value: { name: match[1] } };
    try {
      return { value: { name: match[1], args: JSON.parse(`[${match[2]}]`) as unknown[] } };
    } catch {
      return {
        problem: `the arguments of "${cell}" are not JSON values separated by commas, e.g. truncate(255, "https://…")`,
      };
    }
  },
};

function readHeader(header: CsvRecord | undefined, problems: CsvProblem[]): Column[] {
  if (!header) {
    problems.push({
      line: 1,
      message: `the file is empty; the first line must name the columns: ${COLUMNS.join(', ')}`,
    });
    return [];
  }
  const columns = header.cells.map((c) => c.trim());
  columns.forEach((column, index) => {
    if (!(COLUMNS as readonly string[]).includes(column)) {
      problems.push({ line: header.line, column, message: `unknown column; the columns are ${COLUMNS.join(', ')}` });
    } else if (columns.indexOf(column) !== index) {
      problems.push({ line: header.line, column, message: 'the column appears twice' });
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!columns.includes(column)) problems.push({ line: header.line, column, message: 'the column is missing' });
  }
  return columns as Column[];
}

function readRow(record: CsvRecord, columns: Column[], problems: CsvProblem[]): Record<string, unknown> {
  if (record.cells.length !== columns.length) {
    problems.push({
      line: record.line,
      message: `has ${record.cells.length} cells but the header has ${columns.length}`,
    });
  }
  const raw: Record<string, unknown> = { required: false };
  columns.forEach((column, index) => {
    const cell = record.cells[index] ?? '';
    if (cell === '') return;
    const reader = CELL_READERS[column];
    if (!reader) {
      raw[column] = cell;
      return;
    }
    const read = reader(cell);
    if ('problem' in read) problems.push({ line: record.line, column, message: read.problem });
    else raw[column] = read.value;
  });
  return raw;
}

const describe = (p: CsvProblem): string => `line ${p.line}${p.column ? `, column "${p.column}"` : ''}: ${p.message}`;

/**
 * Reads a dictionary from CSV, or throws `dictionary.csv_invalid` listing every problem by line and
 * column: `line 7, column "maxLength": "abc" is not a whole number`.
 */
export function dictionaryFromCsv(text: string, options: { version: string }): Dictionary {
  const problems: CsvProblem[] = [];
  const [header, ...records] = readCsv(text);
  const columns = readHeader(header, problems);
  const rows = problems.length ? [] : records.map((record) => readRow(record, columns, problems));

  if (problems.length === 0) {
    const parsed = Dictionary.safeParse({ version: options.version, fields: rows });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const [, index, column] = issue.path;
      if (typeof index !== 'number' || typeof column !== 'string') {
        problems.push({ line: 1, message: `${issue.path.join('.')}: ${issue.message}` });
        continue;
      }
      const empty = rows[index]?.[column] === undefined;
      problems.push({
        line: records[index]?.line ?? 1,
        column,
        message: empty ? 'the cell is empty but must be filled in' : issue.message,
      });
    }
  }
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  throw new HrError(
    'dictionary.csv_invalid',
    `The dictionary CSV has ${count}:\n${problems.map(describe).join('\n')}`,
    { problems },
  );
}
