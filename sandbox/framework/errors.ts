import type { Problem } from './body';
import { refuse, type Reply } from './reply';

export const describeProblems = (problems: Problem[]): string =>
  problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');

/** A vendor's error shape turned into the three things handlers need: answer, stop, refuse a body. */
export function errorKit(
  shape: (status: number, message: string, headers?: Record<string, string>) => Reply,
  invalidStatus = 400,
) {
  return {
    error: shape,
    stop: (status: number, message: string): never => refuse(shape(status, message)),
    invalid: (problems: Problem[]): Reply => shape(invalidStatus, describeProblems(problems)),
  };
}
