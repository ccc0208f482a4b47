import { HrError } from '../errors';

/** The node is stopping: the call was cut, not refused; the entry stays queued. */
export const isInterrupted = (error: unknown) => error instanceof HrError && error.code === 'http.closed';
