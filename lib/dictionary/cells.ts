// The grammar of a dictionary cell, shared by the CSV and the editor's table: lists and tables share
// one cell, `a|b|c` and `Full-time=full_time|Part-time=part_time`, a backslash escaping a literal
// "|", "=" or "\" inside a value; a transform is `name` or `name(arguments)`.
//
// This module imports nothing: the build also serves it to the editor as
// resources/<package>/dictionary-cells.js (scripts/build.js), so the table reads cells exactly as the CSV does.

export type CellRead<T> = { value: T } | { problem: string };

/** How one column's values are written to a cell and read back; a cell that cannot be read names its problem. */
export interface CellGrammar<T> {
  write(value: T): string;
  read(cell: string): CellRead<T>;
}

const escape = (value: string): string => value.replace(/[\\|=]/g, (c) => `\\${c}`);

/** Splits on an unescaped separator, keeping the escapes in each part. */
function split(text: string, separator: string): string[] {
  const parts: string[] = [];
  let part = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      part += `\\${text[++i]}`;
    } else if (c === separator) {
      parts.push(part);
      part = '';
    } else {
      part += c;
    }
  }
  parts.push(part);
  return parts;
}

const unescape = (value: string): string => value.replace(/\\(.)/gs, '$1');

const list: CellGrammar<string[]> = {
  write: (values) => values.map(escape).join('|'),
  read: (cell) => ({ value: split(cell, '|').map(unescape) }),
};

/** `Source=Target|…`; an entry without "=" or a source translated twice is a problem. */
const table: CellGrammar<Record<string, string>> = {
  write: (entries) =>
    Object.entries(entries)
      .map(([source, target]) => `${escape(source)}=${escape(target)}`)
      .join('|'),
  read: (cell) => {
    const read = new Map<string, string>();
    for (const entry of split(cell, '|')) {
      const pair = split(entry, '=');
      if (pair.length !== 2) return { problem: `"${unescape(entry)}" is not written Source=Target` };
      const [source, target] = pair.map(unescape) as [string, string];
      if (read.has(source)) return { problem: `"${source}" is translated twice` };
      read.set(source, target);
    }
    return { value: Object.fromEntries(read) };
  },
};

export interface TransformCell {
  name: string;
  args?: unknown[];
}

const transform: CellGrammar<TransformCell> = {
  write: (t) => (t.args === undefined ? t.name : `${t.name}(${JSON.stringify(t.args).slice(1, -1)})`),
  read: (cell) => {
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

const wholeNumber: CellGrammar<number> = {
  write: String,
  read: (cell) => (/^\d+$/.test(cell) ? { value: Number(cell) } : { problem: `"${cell}" is not a whole number` }),
};

const BOOLEANS = new Map([
  ['true', true],
  ['yes', true],
  ['1', true],
  ['false', false],
  ['no', false],
  ['0', false],
]);

const boolean: CellGrammar<boolean> = {
  write: String,
  read: (cell) => {
    const value = BOOLEANS.get(cell.trim().toLowerCase());
    return value === undefined ? { problem: `"${cell}" is not true or false` } : { value };
  },
};

/** The columns whose cells are not plain text. */
export const CELLS = {
  required: boolean,
  immutable: boolean,
  maxLength: wholeNumber,
  allowedValues: list,
  translation: table,
  transform,
};
