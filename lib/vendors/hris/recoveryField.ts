import { HrError } from '../../errors';
import { readPath } from './answers';
import type { TargetRecord } from './types';

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function withValueAt(
  record: Record<string, unknown>,
  [head, ...rest]: string[],
  value: string,
): Record<string, unknown> {
  const inner = record[head];
  const nested =
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as Record<string, unknown>) : {};
  return { ...record, [head]: rest.length ? withValueAt(nested, rest, value) : value };
}

/**
 * The record with the recovery key at a dotted path ("employeeNumber", "custom.integrationKey"). When
 * the mapping already filled that field, its value is kept and is the key the lookup searches for.
 */
export function stampAt(record: TargetRecord, path: string, key: string): { record: TargetRecord; key: string } {
  const segments = path.split('.').filter(Boolean);
  if (segments.length === 0 || segments.some((s) => FORBIDDEN.has(s)))
    throw new HrError('hris.recovery_field_invalid', `"${path}" cannot be used as the recovery field.`);
  const present = readPath(record, path);
  if ((typeof present === 'string' && present.trim() !== '') || typeof present === 'number')
    return { record, key: String(present) };
  return { record: withValueAt(record, segments, key), key };
}
