// Lists and tables share one CSV cell: `a|b|c` and `Full-time=full_time|Part-time=part_time`.
// A backslash escapes a literal "|", "=" or "\" inside a value.

const escape = (value: string): string => value.replace(/[\\|=]/g, (c) => `\\${c}`);

/** Splits on an unescaped separator and removes the escapes from each part. */
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

export const writeList = (values: readonly string[]): string => values.map(escape).join('|');

export const readList = (cell: string): string[] => split(cell, '|').map(unescape);

export const writeTable = (table: Readonly<Record<string, string>>): string =>
  Object.entries(table)
    .map(([source, target]) => `${escape(source)}=${escape(target)}`)
    .join('|');

/** Reads `Source=Target|…`; returns the entry that has no "=" as an error message instead. */
export function readTable(cell: string): Record<string, string> | string {
  const table = new Map<string, string>();
  for (const entry of split(cell, '|')) {
    const pair = split(entry, '=');
    if (pair.length !== 2) return `"${unescape(entry)}" is not written Source=Target`;
    const [source, target] = pair.map(unescape) as [string, string];
    if (table.has(source)) return `"${source}" is translated twice`;
    table.set(source, target);
  }
  return Object.fromEntries(table);
}
