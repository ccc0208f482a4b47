import jsonata from 'jsonata';
import { EnvRefused } from './envAccess';
import type { MappingFunctions } from '../transform/functions';
import { MappingRow } from './mappingTable';
import { type PathStep, type TargetStep, parseSourcePath, parseTargetPath } from '../recordPath';
import { BadArgument, type BoundTransform, tableTransforms } from './tableTransforms';

/** What is wrong with one row, for the editor to show beside it. Rows are counted from 1, as people do. */
export interface RowProblem {
  row: number;
  target: string;
  column: 'row' | 'target' | 'source' | 'transform' | 'args' | 'default';
  code: string;
  message: string;
}

export type RowRead =
  | { kind: 'path'; alternatives: PathStep[][] }
  | { kind: 'constant'; value: string | undefined }
  | { kind: 'jsonata'; expression: jsonata.Expression };

/** A row checked and ready to generate code for. */
export interface RowPlan {
  row: number;
  target: string;
  targetSteps: TargetStep[];
  /** The source as written, for error messages. */
  describeSource: string;
  read: RowRead;
  transform: BoundTransform | null;
  fallback: string | undefined;
  required: boolean;
}

export interface PlanOptions {
  /**
   * Reads an environment variable on deploy: the node passes Node-RED's flow/global env lookup limited
   * to the variables listed on it (envAccess.ts). None: no variable is readable.
   */
  env?: (name: string) => string | undefined;
  /** Functions available to per-row JSONata expressions. */
  functions?: MappingFunctions;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Column = RowProblem['column'];

class RowRefused extends Error {
  constructor(
    readonly column: Column,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parseArgs(cell: string): unknown[] {
  if (!cell.trim()) return [];
  let args: unknown;
  try {
    args = JSON.parse(cell);
  } catch {
    throw new RowRefused(
      'args',
      'mapper.argument_invalid',
      `the arguments are not a JSON array such as ["UTC", "MM/DD/YYYY"]: ${cell}`,
    );
  }
  if (!Array.isArray(args))
    throw new RowRefused(
      'args',
      'mapper.argument_invalid',
      `the arguments must be a JSON array in [ ], such as ["UTC"]: ${cell}`,
    );
  return args;
}

function bindTransform(row: MappingRow): BoundTransform | null {
  const name = row.transform.trim();
  const args = parseArgs(row.args);
  if (!name) {
    if (args.length) throw new RowRefused('args', 'mapper.argument_invalid', 'arguments are given but no transform');
    return null;
  }
  if (!Object.hasOwn(tableTransforms, name)) {
    throw new RowRefused(
      'transform',
      'mapper.transform_unknown',
      `unknown transform "${name}"; the transforms are ${Object.keys(tableTransforms).join(', ')}`,
    );
  }
  const transform = tableTransforms[name];
  try {
    return transform.bind(args);
  } catch (err) {
    if (!(err instanceof BadArgument)) throw err;
    const params = transform.params ? `(${transform.params})` : '(no arguments)';
    throw new RowRefused('args', 'mapper.argument_invalid', `${name}${params}: ${err.message}`);
  }
}

function planRead(row: MappingRow, options: PlanOptions): RowRead {
  const source = row.source.trim();
  switch (row.from) {
    case 'path': {
      const parsed = parseSourcePath(source);
      if (!parsed.ok)
        throw new RowRefused('source', 'mapper.path_invalid', `the source path is not valid: ${parsed.message}`);
      return { kind: 'path', alternatives: parsed.value };
    }
    case 'constant':
      if (!row.source)
        throw new RowRefused(
          'source',
          'mapper.constant_missing',
          'the constant is empty; write its text, or use a default instead',
        );
      return { kind: 'constant', value: row.source };
    case 'env': {
      if (!ENV_NAME.test(source))
        throw new RowRefused(
          'source',
          'mapper.env_invalid',
          `"${source}" is not an environment variable name such as HR_COMPANY_ID`,
        );
      if (!options.env)
        throw new RowRefused(
          'source',
          'mapper.env_not_listed',
          `"${source}" is not among the environment variables this mapper may read; add it to the node's list`,
        );
      try {
        const value = options.env(source);
        return { kind: 'constant', value: value === '' ? undefined : value };
      } catch (err) {
        if (err instanceof EnvRefused) throw new RowRefused('source', err.code, err.message);
        throw err;
      }
    }
    case 'jsonata': {
      let expression: jsonata.Expression;
      try {
        expression = jsonata(source);
      } catch (err) {
        const e = err as { message?: string; position?: number };
        const where = typeof e.position === 'number' ? ` at character ${e.position}` : '';
        throw new RowRefused(
          'source',
          'mapper.jsonata_invalid',
          `the JSONata expression is not valid: ${e.message ?? String(err)}${where}`,
        );
      }
      for (const [name, fn] of Object.entries(options.functions ?? {})) {
        expression.registerFunction(name, fn.implementation as (...args: unknown[]) => unknown, fn.signature);
      }
      return { kind: 'jsonata', expression };
    }
  }
}

type Shape = 'object' | 'array' | 'value';

/**
 * Tracks what each target prefix is (a group of fields, a list, or a value) so two rows cannot
 * write the same field, a field cannot also be a group, and a list has no holes.
 */
class TargetShapes {
  private readonly shapes = new Map<string, { shape: Shape; row: number; length: number }>();

  claim(steps: TargetStep[], row: number): void {
    let key = '';
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const parent = this.shapes.get(key);
      if (step.kind === 'index' && parent && step.index > parent.length) {
        throw new RowRefused(
          'target',
          'mapper.target_conflict',
          `${key}[${step.index}] would leave a gap: the list ${key} has ${parent.length} element(s) so far, so the next is [${parent.length}]`,
        );
      }
      key += step.kind === 'field' ? (key ? `.${step.name}` : step.name) : `[${step.index}]`;
      const next = steps[i + 1];
      const shape: Shape = next === undefined ? 'value' : next.kind === 'index' ? 'array' : 'object';
      const seen = this.shapes.get(key);
      if (seen && (shape === 'value' || seen.shape !== shape)) {
        const what =
          seen.shape === 'value' ? 'filled' : seen.shape === 'array' ? 'used as a list' : 'used as a group of fields';
        throw new RowRefused('target', 'mapper.target_conflict', `${key} is already ${what} by row ${seen.row}`);
      }
      if (!seen) {
        this.shapes.set(key, { shape, row, length: 0 });
        if (parent && step.kind === 'index') parent.length += 1;
      }
    }
  }
}

/** Checks every row and collects every problem, so the editor can show them all at once. */
export function planTable(rows: unknown, options: PlanOptions = {}): { plans: RowPlan[]; problems: RowProblem[] } {
  const plans: RowPlan[] = [];
  const problems: RowProblem[] = [];
  if (!Array.isArray(rows) || rows.length === 0) {
    problems.push({
      row: 0,
      target: '',
      column: 'row',
      code: 'mapper.table_empty',
      message: 'the mapping table has no rows',
    });
    return { plans, problems };
  }
  const shapes = new TargetShapes();
  rows.forEach((raw: unknown, i) => {
    const row = i + 1;
    const parsed = MappingRow.safeParse(raw);
    const target = parsed.success
      ? parsed.data.target.trim()
      : String((raw as { target?: unknown } | null)?.target ?? '');
    try {
      if (!parsed.success) {
        throw new RowRefused(
          'row',
          'mapper.row_invalid',
          parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; '),
        );
      }
      const cells = parsed.data;
      const targetSteps = parseTargetPath(target);
      if (!targetSteps.ok)
        throw new RowRefused(
          'target',
          'mapper.target_invalid',
          `the target field is not valid: ${targetSteps.message}`,
        );
      shapes.claim(targetSteps.value, row);
      const read = planRead(cells, options);
      const transform = bindTransform(cells);
      plans.push({
        row,
        target,
        targetSteps: targetSteps.value,
        describeSource:
          cells.from === 'path'
            ? `source ${cells.source.trim()}`
            : cells.from === 'env'
              ? `environment variable ${cells.source.trim()}`
              : `${cells.from} source`,
        read,
        transform,
        fallback: cells.default === '' ? undefined : cells.default,
        required: cells.required,
      });
    } catch (err) {
      if (!(err instanceof RowRefused)) throw err;
      problems.push({
        row,
        target,
        column: err.column,
        code: err.code,
        message: `row ${row}${target ? ` "${target}"` : ''}: ${err.message}`,
      });
    }
  });
  return { plans, problems };
}
