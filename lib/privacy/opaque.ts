/**
 * A record whose fields no dictionary names (a vendor-shaped record in a dead letter: `firstName`,
 * `workEmail`), shown to a viewer who may see no personal data: its shape without its values, and a
 * text about it (the vendor's error) with every one of its values masked where the text repeats it.
 */
import { summarizePayload } from '../vendors/ats/payloadSummary';
import { redactText } from './redact';

function valuesOf(value: unknown, found: Set<string>): Set<string> {
  // redactText leaves values too short to be secrets alone ('USD').
  if (typeof value === 'string' || typeof value === 'number') found.add(String(value));
  else if (value && typeof value === 'object') {
    for (const child of Object.values(value)) valuesOf(child, found);
  }
  return found;
}

export function opaque(record: unknown, text: string | null): { record: unknown; text: string | null } {
  const values = [...valuesOf(record, new Set())].sort((a, b) => b.length - a.length);
  return { record: summarizePayload(record), text: text === null ? null : redactText(text, { values }) };
}
