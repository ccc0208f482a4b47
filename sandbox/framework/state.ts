import type { Fault } from './faults';
import type { RateLimit } from './rateLimit';

export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON or form body (secrets masked), the text otherwise, undefined when empty. */
  body?: unknown;
  outcome: 'pending' | 'answered' | 'reset' | 'lost_response';
  status?: number;
  fault?: Fault['kind'];
}

export interface SandboxState {
  vendor: string;
  holds: unknown;
  received: LoggedRequest[];
  faults: Fault[];
  rateLimit: RateLimit | null;
}
