import { z } from 'zod';

const Match = {
  /** How many matching requests the fault applies to. */
  times: z.number().int().positive().default(1),
  method: z.string().toUpperCase().optional(),
  /** A substring of the request path, e.g. `/v1/employees`. */
  path: z.string().min(1).optional(),
};

/**
 * Faults a test can inject for the next matching requests:
 * - throttle: the vendor's own rate-limit answer (429 + Retry-After; BambooHR may use 503, Teams legacy a 200)
 * - unavailable: 503 + Retry-After; server_error: 500
 * - delay: the request is carried out, the answer is held for delayMs (longer than a client timeout)
 * - reset: the connection is destroyed before anything is done
 * - lost_response: the request is carried out (an employee is created), then the connection is destroyed
 */
export const FaultSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('throttle'), retryAfterSeconds: z.number().int().nonnegative().default(1), ...Match }),
  z.object({ kind: z.literal('unavailable'), retryAfterSeconds: z.number().int().nonnegative().default(1), ...Match }),
  z.object({ kind: z.literal('server_error'), ...Match }),
  z.object({ kind: z.literal('delay'), delayMs: z.number().int().positive(), ...Match }),
  z.object({ kind: z.literal('reset'), ...Match }),
  z.object({ kind: z.literal('lost_response'), ...Match }),
]);

export type FaultInput = z.input<typeof FaultSpec>;
export type Fault = z.output<typeof FaultSpec>;

export class FaultQueue {
  private pending: Fault[] = [];

  add(fault: Fault): void {
    this.pending.push(fault);
  }

  /** The first pending fault that matches, counted down; undefined if none. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.pending.find((f) => (!f.method || f.method === method) && (!f.path || path.includes(f.path)));
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times === 0) this.pending = this.pending.filter((f) => f !== fault);
    return fault;
  }

  list(): Fault[] {
    return this.pending.map((f) => ({ ...f }));
  }

  clear(): void {
    this.pending = [];
  }
}
