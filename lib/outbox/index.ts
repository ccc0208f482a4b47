export { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from './worker';
export { DEFAULT_SCHEDULE, nextAttemptAt, type LeasedWorkerOptions, type RetrySchedule } from './schedule';
export { isInterrupted } from './interrupted';
