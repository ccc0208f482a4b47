import { type CatalogueField, type FieldCatalogue, FieldKind } from '../vendors/hris/catalogue';
import type { MappingRow } from './mappingTable';

/** What the table check reports about one row; `row` counts from 1 like the compiler's problems. */
export interface CatalogueProblem {
  row: number;
  target: string;
  code: 'mapper.field_unknown' | 'mapper.value_not_in_list' | 'mapper.value_type';
  message: string;
  /** The list's values, for a value outside them. */
  options?: string[];
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Why a value does not fit the field, in plain words; null when it fits (or cannot be judged). */
function misfit(field: CatalogueField, value: unknown): { code: CatalogueProblem['code']; message: string } | null {
  if (value === undefined || value === null || value === '') return null;
  const shown = JSON.stringify(value);
  switch (field.kind) {
    case 'list':
      if (!field.options || field.options.includes(String(value))) return null;
      return {
        code: 'mapper.value_not_in_list',
        message: `${shown} is not one of the values of the list "${field.label || field.name}".`,
      };
    case 'date':
      return typeof value === 'string' && ISO_DAY.test(value)
        ? null
        : { code: 'mapper.value_type', message: `${shown} is not a date written as YYYY-MM-DD.` };
    case 'number':
      return typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        ? null
        : { code: 'mapper.value_type', message: `${shown} is not a number.` };
    case 'boolean':
      return typeof value === 'boolean'
        ? null
        : { code: 'mapper.value_type', message: `${shown} is not true or false.` };
    case 'email':
      return typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value)
        ? null
        : { code: 'mapper.value_type', message: `${shown} is not an e-mail address.` };
    default:
      return null;
  }
}

/**
 * Checks a table against the catalogue: a target the HRIS does not have, and each value known before
 * a hire arrives (a constant, or what "Try it" computed for the row) outside its list or of the wrong
 * type. An empty target is the compiler's to report, once the person has typed something.
 */
export function checkAgainstCatalogue(
  rows: readonly Pick<MappingRow, 'target' | 'from' | 'source'>[],
  catalogue: FieldCatalogue,
  values: ReadonlyMap<number, unknown> = new Map(),
): CatalogueProblem[] {
  const byName = new Map(catalogue.fields.map((f) => [f.name, f]));
  const problems: CatalogueProblem[] = [];
  rows.forEach((r, i) => {
    const row = i + 1;
    const target = r.target.trim();
    if (!target) return;
    const field = byName.get(target);
    if (!field) {
      if (catalogue.partial) return;
      problems.push({
        row,
        target,
        code: 'mapper.field_unknown',
        message: `${catalogue.system} has no field "${target}".`,
      });
      return;
    }
    const value = values.has(row) ? values.get(row) : r.from === 'constant' ? r.source : undefined;
    const wrong = misfit(field, value);
    if (wrong)
      problems.push({
        row,
        target,
        ...wrong,
        ...(wrong.code === 'mapper.value_not_in_list' ? { options: field.options } : {}),
      });
  });
  return problems;
}

/**
 * A field list the person pastes for a generic REST HRIS, one field a line: `name, type, option | option`
 * (type and options optional). A line that cannot be read is an error naming the line, never skipped.
 */
export function parsePastedCatalogue(text: string): FieldCatalogue {
  const fields: CatalogueField[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith('#')) return;
    const [name = '', type = '', options = ''] = line.split(',').map((c) => c.trim());
    if (!name || /\s/.test(name)) throw new Error(`line ${i + 1}: "${line.trim()}" does not start with a field name.`);
    const kind = FieldKind.safeParse(type || 'other');
    if (!kind.success) throw new Error(`line ${i + 1}: "${type}" is not one of ${FieldKind.options.join(', ')}.`);
    const listed = options
      .split('|')
      .map((o) => o.trim())
      .filter(Boolean);
    fields.push({
      name,
      label: name,
      kind: kind.data,
      vendorType: type,
      ...(listed.length ? { options: listed } : {}),
    });
  });
  return { system: 'HRIS', fields };
}
