import { HrError } from '../errors';
import { forbiddenSegment } from '../forbiddenKeys';
import type { Dictionary, FieldOwner, Sensitivity, SyncDirection } from '../dictionary/field';
import type { Json, JsonObject } from '../store/types';

/** One unit survivorship decides on: a leaf of the dictionary, or a whole list (emails, phones). */
export interface SurvivableField {
  /** Dictionary path with lists collapsed: person.legalName.first, person.emails. */
  path: string;
  /** The same field in the store's golden record: legalName.first, emails. */
  recordPath: string;
  owner: FieldOwner;
  immutable: boolean;
  secret: boolean;
  /** Which way the field flows between the systems; unset reads as ats_to_hris, the hire's direction. */
  direction?: SyncDirection;
  /** The dictionary's lookup table, ATS value → HRIS value (e.g. department names). */
  translation?: Readonly<Record<string, string>>;
}

/**
 * Dictionary paths start at the canonical hire (person.legalName.first), but the store's golden record
 * is the person itself with the other parts beside it (legalName.first, offer.title, employee.hireDate):
 * the store encrypts secret fields by path into the person ('nationalId.value', 'dateOfBirth').
 */
export function recordPath(dictionaryPath: string): string {
  return dictionaryPath.startsWith('person.') ? dictionaryPath.slice('person.'.length) : dictionaryPath;
}

/**
 * The dictionary's fields as survivorship units. A list is one unit because its items have no stable
 * identity across systems ("the second email"); an object field whose parts are listed too is decided
 * part by part.
 */
export function survivableFields(dictionary: Dictionary): SurvivableField[] {
  const byPath = new Map<
    string,
    {
      owner: FieldOwner;
      immutable: boolean;
      sensitivity: Sensitivity;
      direction: SyncDirection;
      translation?: Record<string, string>;
    }
  >();
  for (const field of dictionary.fields) {
    const path = field.name.replace(/\[\].*$/, '');
    const seen = byPath.get(path);
    if (!seen) {
      byPath.set(path, {
        owner: field.owner,
        immutable: field.immutable ?? false,
        sensitivity: field.sensitivity,
        direction: field.syncDirection,
        ...(field.translation ? { translation: field.translation } : {}),
      });
    } else {
      seen.immutable ||= field.immutable ?? false;
      if (field.sensitivity === 'secret') seen.sensitivity = 'secret';
    }
  }
  const paths = [...byPath.keys()];
  return paths
    .filter((path) => !paths.some((other) => other.startsWith(`${path}.`)))
    .map((path) => {
      const f = byPath.get(path)!;
      const underSecret = paths.some((p) => path.startsWith(`${p}.`) && byPath.get(p)!.sensitivity === 'secret');
      return {
        path,
        recordPath: recordPath(path),
        owner: f.owner,
        immutable: f.immutable,
        secret: f.sensitivity === 'secret' || underSecret,
        direction: f.direction,
        ...(f.translation ? { translation: f.translation } : {}),
      };
    });
}

export function getAt(value: unknown, path: string): Json | undefined {
  let node: unknown = value;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as Json | undefined;
}

/** Sets a value in place, creating the objects on the way. */
export function setAt(target: JsonObject, path: string, value: Json): void {
  const forbidden = forbiddenSegment(path);
  if (forbidden)
    throw new HrError(
      'survive.field_forbidden',
      `The field ${path} cannot be written: "${forbidden}" reaches the prototype every object shares.`,
      { field: path },
    );
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = target;
  for (const key of keys) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[last] = value;
}
