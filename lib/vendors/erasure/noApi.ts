import { manual } from './call';
import type { Eraser } from './types';

/**
 * Systems whose APIs (as docs/vendors/ records them) offer no way to delete or anonymise a person.
 * An HRIS must usually keep a former employee's record for years under labour, tax and payroll law, so
 * a person decides what to erase there; the ATS entries have a deletion in their own screens only.
 */
const REASONS: Record<string, string> = {
  bamboohr:
    "BambooHR's API has no employee deletion. Decide what labour and tax law lets you erase, then do it in BambooHR (Settings ▸ Employee data) or ask BambooHR support.",
  hibob: "HiBob's API has no employee deletion. Decide what labour and tax law lets you erase, then do it in HiBob.",
  personio:
    'The Personio API used here has no person deletion. Decide what labour and tax law lets you erase, then do it in Personio.',
  generic:
    'The generic HRIS connection has no deletion call. Erase the employee in that system by hand, as far as the law lets you.',
  lever:
    "Lever's API has no candidate deletion. Delete or anonymise the candidate in Lever (candidate profile ▸ Delete).",
  workable: 'No Workable deletion call is known. Delete the candidate in Workable.',
  smartrecruiters: 'No SmartRecruiters deletion call is known. Delete the candidate in SmartRecruiters.',
};

export function noApiEraser(system: string): Eraser {
  const reason = REASONS[system] ?? `No deletion call is known for ${system}. Erase the person there by hand.`;
  return { system, erase: async () => manual(reason) };
}
