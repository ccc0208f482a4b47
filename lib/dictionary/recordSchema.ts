import { z } from 'zod';
import { HrError } from '../errors';
import { Money, PayPeriod } from '../model/compensation';
import { E164Phone, IsoDate, IsoDateTime } from '../model/primitives';
import type { DictionaryField } from './field';
import { NAMED_FORMATS } from './formats';

interface PathNode {
  field?: DictionaryField;
  array?: boolean;
  children: Map<string, PathNode>;
}

const characters = (value: string): number => [...value].length;

function baseSchema(field: DictionaryField): z.ZodType {
  switch (field.type) {
    case 'string':
    case 'enum':
      return z.string();
    case 'number':
      return z.number();
    case 'integer':
      return z.number().int();
    case 'boolean':
      return z.boolean();
    case 'date':
      return IsoDate;
    case 'datetime':
      return IsoDateTime;
    case 'email':
      return z.email({ error: 'must be an email address' });
    case 'phone':
      return E164Phone;
    case 'money':
      return Money.extend({ period: PayPeriod.optional() });
    case 'object':
      return z.record(z.string(), z.unknown());
  }
}

/** The field's own checks as custom issues carrying the rule's name, so every failure is reported at once. */
function leafSchema(field: DictionaryField): z.ZodType {
  let schema = baseSchema(field);
  const { format, maxLength } = field;
  if (field.required) {
    schema = schema.refine((v) => typeof v !== 'string' || v.trim() !== '', {
      message: 'is required',
      params: { rule: 'required' },
    });
  }
  if (format !== undefined) {
    const named = Object.hasOwn(NAMED_FORMATS, format) ? NAMED_FORMATS[format] : undefined;
    const pattern = new RegExp(`^(?:${named ? '' : format})$`, 'u');
    const matches = (v: string) => (named ? named.safeParse(v).success : pattern.test(v));
    schema = schema.refine((v) => typeof v !== 'string' || matches(v), {
      message: named ? `must be in the ${format} format` : `must match the pattern ${format}`,
      params: { rule: 'format' },
    });
  }
  if (maxLength !== undefined) {
    schema = schema.refine((v) => typeof v !== 'string' || characters(v) <= maxLength, {
      error: (issue) => `is ${characters(issue.input as string)} characters long, more than the ${maxLength} allowed`,
      params: { rule: 'maxLength' },
    });
  }
  const allowed =
    field.allowedValues ?? (field.translation ? [...new Set(Object.values(field.translation))] : undefined);
  if (allowed) {
    schema = schema.refine((v) => typeof v !== 'string' || allowed.includes(v), {
      error: (issue) =>
        `is ${JSON.stringify(issue.input)}, not one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
      params: { rule: 'allowedValues' },
    });
  }
  return schema;
}

function isRequired(node: PathNode): boolean {
  if (node.field) return node.field.required;
  return [...node.children.values()].some(isRequired);
}

function nodeSchema(node: PathNode): z.ZodType {
  let schema: z.ZodType;
  if (node.children.size === 0 && node.field) {
    schema = leafSchema(node.field);
  } else {
    const shape = Object.fromEntries([...node.children].map(([key, child]) => [key, nodeSchema(child)]));
    schema = z.looseObject(shape);
  }
  if (node.array) schema = z.array(schema);
  return isRequired(node) ? schema : schema.nullish();
}

function insert(root: PathNode, field: DictionaryField): void {
  let node = root;
  for (const segment of field.name.split('.')) {
    const array = segment.endsWith('[]');
    const key = array ? segment.slice(0, -2) : segment;
    let child = node.children.get(key);
    if (!child) {
      child = { children: new Map(), array };
      node.children.set(key, child);
    } else if (child.array !== array) {
      throw new HrError(
        'dictionary.invalid',
        `"${field.name}" uses "${key}" as ${array ? 'a list' : 'a single value'}, but another field does not.`,
      );
    }
    node = child;
  }
  node.field = field;
}

/**
 * The zod schema of a record the dictionary describes: each field at its dotted path, intermediate
 * objects required when any field below them is, unknown properties allowed (the dictionary need not
 * list every property to validate the ones it lists).
 */
export function recordSchema(fields: readonly DictionaryField[]): z.ZodType {
  const root: PathNode = { children: new Map() };
  for (const field of fields) insert(root, field);
  const check = (node: PathNode, path: string) => {
    if (node.field && node.children.size > 0 && node.field.type !== 'object') {
      throw new HrError(
        'dictionary.invalid',
        `"${path}" is a ${node.field.type} but other fields are listed under it; make it an object.`,
      );
    }
    for (const [key, child] of node.children) check(child, path ? `${path}.${key}` : key);
  };
  check(root, '');
  return z.looseObject(Object.fromEntries([...root.children].map(([key, child]) => [key, nodeSchema(child)])));
}
