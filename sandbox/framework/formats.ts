import { z } from 'zod';

/** A real calendar day written YYYY-MM-DD (BambooHR, HiBob, Personio dates). */
export const isoDay = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'must be a date written YYYY-MM-DD');

export const email = z.email('must be an email address');

/** Numeric ids handed out in order, as most vendors do; restartable for /_sandbox/reset. */
export function sequence(first: number) {
  let next = first;
  return { next: () => next++, reset: () => void (next = first) };
}
