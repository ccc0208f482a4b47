import { HrError } from '../errors';
import { Dictionary } from './field';

/** The dictionary as JSON text. */
export const dictionaryToJson = (dictionary: Dictionary): string => `${JSON.stringify(dictionary, null, 2)}\n`;

/**
 * Reads a dictionary from JSON text (or an already parsed value), or throws `dictionary.invalid`
 * naming each problem by field: `fields[3] (job.title).maxLength: …`.
 */
export function dictionaryFromJson(input: string | unknown): Dictionary {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new HrError('dictionary.json_invalid', `The dictionary is not JSON: ${(err as Error).message}`);
    }
  }
  const parsed = Dictionary.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = (value as { fields?: unknown } | null)?.fields;
  const problems = parsed.error.issues.map((issue) => {
    const [head, index, ...rest] = issue.path;
    if (head !== 'fields' || typeof index !== 'number')
      return `${issue.path.join('.') || '(dictionary)'}: ${issue.message}`;
    const name = Array.isArray(fields) ? (fields[index] as { name?: unknown } | undefined)?.name : undefined;
    const which = `fields[${index}]${typeof name === 'string' ? ` (${name})` : ''}`;
    return `${[which, ...rest.map(String)].join('.')}: ${issue.message}`;
  });
  throw new HrError('dictionary.invalid', `The dictionary is not valid: ${problems.join('; ')}`, { problems });
}
