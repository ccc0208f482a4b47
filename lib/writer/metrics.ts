import type { HrStore } from '../store/types';
import { METRICS, OPERATIONS, type MetricName } from '../health/metrics';
import type { FailureInfo, Outcome, WriteJob, WriteResult } from './job';

const OPERATION_LABEL: Record<WriteJob['operation'], string> = {
  create: OPERATIONS.createEmployee,
  update: OPERATIONS.updateEmployee,
  writeback: OPERATIONS.writeBack,
  check: OPERATIONS.orderCheck,
  lookup: 'lookup',
  checkResult: 'record_check_result',
  atsUpdate: 'update_candidate',
};

/**
 * The writer's health counters (lib/health/metrics.ts), so the health monitor sees failing writes,
 * retries, dead letters, slow vendors, refused credentials and the weekly volume of hires. A counter
 * that cannot be written never fails the write it describes.
 */
export function writerMetrics(store: Pick<HrStore, 'count'>) {
  const count = (name: MetricName, labels: Record<string, string>, n = 1) =>
    void store.count(name, labels, n).catch(() => undefined);
  const labelsOf = (job: WriteJob) => ({ target: job.target, operation: OPERATION_LABEL[job.operation] });
  return {
    call(job: WriteJob, durationMs: number) {
      count(METRICS.vendorCalls, labelsOf(job));
      count(METRICS.vendorLatencyMs, labelsOf(job), Math.max(0, Math.round(durationMs)));
    },
    succeeded(job: WriteJob, result: WriteResult) {
      count(METRICS.writesOk, labelsOf(job));
      if (job.operation === 'create' && !result.existing && !result.rehire && result.employeeId)
        count(METRICS.hiresCreated, { target: job.target });
    },
    failed(outcome: Extract<Outcome, { kind: 'failed' }>, error: FailureInfo) {
      const labels = labelsOf(outcome.job);
      if (error.code === 'hris.auth') count(METRICS.authErrors, { target: outcome.job.target });
      if (outcome.retrying) return count(METRICS.retries, labels);
      count(METRICS.writesFailed, { ...labels, code: error.code });
      if (outcome.dead) count(METRICS.deadLetters, labels);
    },
  };
}
