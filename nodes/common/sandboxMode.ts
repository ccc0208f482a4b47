import type { NodeAPI } from 'node-red';

/** A whole value `${NAME}`: Node-RED leaves it as it is when no flow, tab or process variable NAME has a value. */
const REFERENCE = /^\$\{(\w+)\}$/;

/** The variable name when `value` is an unresolved `${NAME}`, else null. */
export function unsetVariable(value: unknown): string | null {
  return typeof value === 'string' ? (REFERENCE.exec(value.trim())?.[1] ?? null) : null;
}

/** The names of every unresolved `${NAME}` among `values`, sorted, once each. */
export function unsetVariables(values: Record<string, unknown>): string[] {
  return [
    ...new Set(
      Object.values(values)
        .map(unsetVariable)
        .filter((name): name is string => name !== null),
    ),
  ].sort();
}

/** A value the user gave: neither empty nor an unresolved `${NAME}`. */
export const given = (value: string | undefined): value is string => !!value && unsetVariable(value) === null;

/** Says once at start, in the log, that a connection talks to the built-in sandbox, so nobody mistakes it for live. */
export function logSandbox(RED: NodeAPI, node: { log(msg: string): void }, parts: string, address: string): void {
  node.log(RED._('common.sandbox.log', { parts, address }));
}
