/**
 * The e-mails and phones the ATS sent that could not be read (lib/vendors/ats/people.ts keeps them in
 * the person's lists marked `invalid`): each one is an error naming its field, so the hire stops with
 * a reason instead of reaching the HRIS without a way to contact the person. The value itself is not
 * in the message: messages reach alerts and logs.
 */
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const LISTS = [
  { list: 'emails', value: 'address', what: 'e-mail' },
  { list: 'phones', value: 'number', what: 'phone' },
] as const;

export interface ContactError {
  field: string;
  rule: 'format';
  message: string;
}

export function unreadableContacts(canonical: unknown): ContactError[] {
  const person = isObject(canonical) ? canonical.person : undefined;
  if (!isObject(person)) return [];
  return LISTS.flatMap(({ list, value, what }) => {
    const entries = person[list];
    if (!Array.isArray(entries)) return [];
    return entries.flatMap((entry: unknown, index) => {
      if (!isObject(entry) || typeof entry.invalid !== 'string') return [];
      const type = typeof entry.type === 'string' ? entry.type : 'other';
      const field = `person.${list}.${index}.${value}`;
      return [
        {
          field,
          rule: 'format' as const,
          message: `The ${type} ${what} (${field}) the ATS sent ${entry.invalid}; correct it in the ATS and send the hire again.`,
        },
      ];
    });
  });
}
