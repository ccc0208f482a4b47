import jsonata from 'jsonata';
import { HrError } from '../errors';
import type { MappingFunctions } from '../transform/functions';

export interface CompiledMapping {
  /** Maps one input record; rejects with an HrError that says what went wrong and where. */
  map(input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
}

interface JsonataError {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
}

function describe(err: unknown): string {
  const e = err as JsonataError;
  const where = typeof e.position === 'number' ? ` at character ${e.position}` : '';
  const token = e.token ? ` near "${e.token}"` : '';
  return `${e.message ?? String(err)}${where}${token}${e.code ? ` (${e.code})` : ''}`;
}

/**
 * Compiles a JSONata expression once (on deploy), with the package's transform functions bound, so
 * each message only pays for evaluation.
 */
export function compileJsonataMapping(expression: string, functions: MappingFunctions = {}): CompiledMapping {
  if (!expression.trim()) throw new HrError('mapper.expression_missing', 'The mapping expression is empty.');
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(expression);
  } catch (err) {
    throw new HrError('mapper.expression_invalid', `The mapping expression is not valid JSONata: ${describe(err)}`, {
      position: (err as JsonataError).position,
    });
  }
  for (const [name, fn] of Object.entries(functions)) {
    compiled.registerFunction(name, fn.implementation as (...args: unknown[]) => unknown, fn.signature);
  }
  return {
    async map(input, bindings) {
      let result: unknown;
      try {
        result = await compiled.evaluate(input, bindings);
      } catch (err) {
        if (err instanceof HrError) throw err;
        throw new HrError('mapper.evaluation_failed', `The mapping failed: ${describe(err)}`, {
          position: (err as JsonataError).position,
        });
      }
      if (result === undefined) {
        throw new HrError(
          'mapper.empty_result',
          'The mapping produced nothing for this input: check that the expression matches the incoming record.',
        );
      }
      // JSONata returns its own sequence arrays and objects; downstream nodes and vendor calls want plain JSON.
      return JSON.parse(JSON.stringify(result)) as unknown;
    },
  };
}
