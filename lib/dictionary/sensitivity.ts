import type { Dictionary, DictionaryField, Sensitivity } from './field';

/** The fields to encrypt at rest and mask in logs, alerts and exports. */
export const secretFields = (dictionary: Dictionary): DictionaryField[] =>
  dictionary.fields.filter((field) => field.sensitivity === 'secret');

/** Every field grouped by sensitivity; each group is present, empty or not. */
export function fieldsBySensitivity(dictionary: Dictionary): Record<Sensitivity, DictionaryField[]> {
  const groups: Record<Sensitivity, DictionaryField[]> = { public: [], internal: [], personal: [], secret: [] };
  for (const field of dictionary.fields) groups[field.sensitivity].push(field);
  return groups;
}
