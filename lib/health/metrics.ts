/**
 * The counter names every node of the package counts in the store (`store.count(name, labels, n)`),
 * so the health monitor, the metrics endpoint and the nodes agree. Counters are hourly sums: a
 * duration is counted as a sum of milliseconds next to a count of calls, and the average is their
 * quotient. Label values come from the lists below, so the monitor can look at each one:
 *
 *   await store.count(METRICS.writesOk, { target: 'bamboohr', operation: OPERATIONS.createEmployee });
 *   await store.count(METRICS.vendorLatencyMs, { target: 'bamboohr' }, response.durationMs);
 *   await store.count(METRICS.vendorCalls, { target: 'bamboohr' });
 */
import { AtsSystem, CheckProvider, HrisSystem } from '../model/systems';

export const METRICS = {
  /** An inbound webhook delivery accepted by the ATS trigger. Labels: vendor. */
  eventsIn: 'events_in',
  /** An inbound delivery refused (bad signature, replay, unparsable body). Labels: vendor, reason. */
  eventsRejected: 'events_rejected',
  /** A vendor call that succeeded. Labels: target, operation. */
  writesOk: 'writes_ok',
  /** A vendor call that failed after its retries. Labels: target, operation, code. */
  writesFailed: 'writes_failed',
  /** One repeat of a vendor call (each retry counts once). Labels: target, operation. */
  retries: 'retries',
  /** A write moved to the dead letters. Labels: target, operation. */
  deadLetters: 'dead_letters',
  /** A record the validator rejected. Labels: target. */
  validationFailed: 'validation_failed',
  /** An item put in the review queue (possible duplicate, compensation variance). Labels: kind. */
  reviewItems: 'review_items',
  /** Milliseconds spent in vendor calls; divide by vendor_calls for the average. Labels: target, operation. */
  vendorLatencyMs: 'vendor_latency_ms',
  /** Vendor calls timed in vendor_latency_ms. Labels: target, operation. */
  vendorCalls: 'vendor_calls',
  /** A vendor refused the credentials (401/403). Labels: target. */
  authErrors: 'auth_errors',
  /** An employee created in the HRIS for a hire: what the volume rule watches. Labels: target. */
  hiresCreated: 'hires_created',
} as const;
export type MetricName = (typeof METRICS)[keyof typeof METRICS];

/** Values of the `operation` label. */
export const OPERATIONS = {
  createEmployee: 'create_employee',
  updateEmployee: 'update_employee',
  writeBack: 'write_back',
  orderCheck: 'order_check',
} as const;

/** The values each label can take; the monitor and the metrics endpoint look at each of them. */
export const LABEL_VALUES = {
  vendor: [...AtsSystem.options, 'merge', ...CheckProvider.options.filter((p) => p !== 'other'), 'standard-webhooks'],
  target: [...HrisSystem.options, ...AtsSystem.options, ...CheckProvider.options.filter((p) => p !== 'other')],
  operation: Object.values(OPERATIONS) as string[],
} satisfies Record<string, readonly string[]>;
export type LabelName = keyof typeof LABEL_VALUES;

export interface MetricInfo {
  name: MetricName;
  help: string;
  /** The label the metrics endpoint breaks the total down by. */
  breakdown?: LabelName;
}

export const METRIC_CATALOGUE: readonly MetricInfo[] = [
  { name: METRICS.eventsIn, help: 'Inbound webhook deliveries accepted', breakdown: 'vendor' },
  { name: METRICS.eventsRejected, help: 'Inbound webhook deliveries refused', breakdown: 'vendor' },
  { name: METRICS.writesOk, help: 'Vendor calls that succeeded', breakdown: 'operation' },
  { name: METRICS.writesFailed, help: 'Vendor calls that failed after retries', breakdown: 'operation' },
  { name: METRICS.retries, help: 'Repeated vendor calls', breakdown: 'target' },
  { name: METRICS.deadLetters, help: 'Writes moved to the dead letters', breakdown: 'target' },
  { name: METRICS.validationFailed, help: 'Records rejected by the validator', breakdown: 'target' },
  { name: METRICS.reviewItems, help: 'Items put in the review queue' },
  { name: METRICS.vendorLatencyMs, help: 'Milliseconds spent in vendor calls', breakdown: 'target' },
  { name: METRICS.vendorCalls, help: 'Vendor calls timed in vendor_latency_ms', breakdown: 'target' },
  { name: METRICS.authErrors, help: 'Vendor calls refused for their credentials', breakdown: 'target' },
  { name: METRICS.hiresCreated, help: 'Employees created for hires', breakdown: 'target' },
];
