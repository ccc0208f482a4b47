import type { Compensation } from '../../../lib/model/compensation';
import type { HireEvent } from '../../../lib/model/hireEvent';
import { sampleHire } from '../model/sampleHire';

/** The canonical hire with the offer's pay replaced. */
export function hireWithPay(compensation: Compensation): HireEvent {
  const hire = sampleHire();
  return { ...hire, offer: { ...hire.offer, compensation } };
}

/** A BambooHR record as the starting mapping writes it: payRate "<amount> <CUR>", paidPer Hour … Year. */
export const bambooRecord = (payRate: string, paidPer: string) => ({
  firstName: 'Ana',
  lastName: 'Silva',
  payRate,
  paidPer,
});
