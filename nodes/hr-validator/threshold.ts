import { HrError } from '../../lib/errors';

/**
 * The editor asks for a percentage ("2"); the validator wants an exact fraction ("0.02"). Shifting
 * the decimal point in the text keeps it exact, where dividing a float by 100 would not.
 */
export function percentToFraction(percent: string): string {
  const text = percent.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) {
    throw new HrError(
      'validator.threshold_invalid',
      `The variance threshold must be a percentage such as 2 or 1.5, not ${JSON.stringify(percent)}.`,
    );
  }
  const [whole = '', fraction = ''] = text.split('.');
  const padded = whole.padStart(3, '0');
  return `${padded.slice(0, -2)}.${padded.slice(-2)}${fraction}`;
}
