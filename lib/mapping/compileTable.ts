import type jsonata from 'jsonata';
import { HrError, toHrError } from '../errors';
import type { CompiledMapping } from './jsonataMapping';
import { Constants, mapperSource, rowSource } from './tableCode';
import { type PlanOptions, type RowPlan, type RowProblem, planTable } from './tablePlan';

/** One row of the preview: what the record holds at the source, what the target gets, or why not. */
export interface RowTrace {
  row: number;
  target: string;
  source?: unknown;
  value?: unknown;
  error?: { code: string; message: string };
}

export interface TableMapping extends CompiledMapping {
  map(input: unknown): Promise<Record<string, unknown>>;
  /** The compiled function itself when no row uses JSONata; what the bench measures. */
  readonly mapSync: ((input: unknown) => Record<string, unknown>) | null;
  /** Runs each row on its own and reports every row, failing or not; for the editor, not for traffic. */
  preview(input: unknown): Promise<RowTrace[]>;
}

type Generated = (s: unknown, j: readonly unknown[]) => Record<string, unknown>;

const NO_JSONATA: readonly unknown[] = [];

/** The first element of a list whose field, written as text, equals the value (or, negated, has another value). */
function firstMatch(list: unknown, field: string, value: string, negate: boolean): unknown {
  if (!Array.isArray(list)) return undefined;
  for (const element of list) {
    if (element === null || typeof element !== 'object') continue;
    const x = (element as Record<string, unknown>)[field];
    if (x === undefined || x === null) continue;
    if ((x === value || (typeof x !== 'object' && String(x) === value)) !== negate) return element;
  }
  return undefined;
}

const plainCopy = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

function requiredMissing(plan: RowPlan): HrError {
  return new HrError(
    'mapper.required_missing',
    `row ${plan.row} "${plan.target}" is required, but the record has no value for it (${plan.describeSource}).`,
    { row: plan.row, target: plan.target },
  );
}

function rowFailed(plan: RowPlan, err: unknown, fallbackCode: string): HrError {
  if (err instanceof HrError && err.code === 'mapper.required_missing') return err;
  const e = toHrError(err, fallbackCode);
  return new HrError(
    e.code,
    `row ${plan.row} "${plan.target}": ${e.message}`,
    { ...e.details, row: plan.row, target: plan.target },
    { cause: err },
  );
}

async function evaluate(plan: RowPlan, expression: jsonata.Expression, input: unknown): Promise<unknown> {
  try {
    const result: unknown = await expression.evaluate(input);
    // JSONata's sequences are arrays with extra properties; the record sent on is plain JSON.
    return result !== null && typeof result === 'object' ? plainCopy(result) : result;
  } catch (err) {
    const e = err as { message?: string; position?: number };
    const where = typeof e.position === 'number' ? ` at character ${e.position}` : '';
    throw rowFailed(
      plan,
      new HrError('mapper.evaluation_failed', `the JSONata expression failed: ${e.message ?? String(err)}${where}`),
      'mapper.evaluation_failed',
    );
  }
}

/** Checks a table and reports every row problem without compiling; for the editor. */
export function checkTable(rows: unknown, options: PlanOptions = {}): RowProblem[] {
  return planTable(rows, options).problems;
}

/**
 * Compiles a mapping table once, on deploy, into one plain function: paths become direct property
 * loads, transforms are bound with their arguments, and a message only pays for building its record.
 * Rows written in JSONata are evaluated first (only they are asynchronous) and handed in by position.
 * Throws `mapper.table_invalid` listing every row problem.
 */
export function compileTable(rows: unknown, options: PlanOptions = {}): TableMapping {
  const { plans, problems } = planTable(rows, options);
  if (problems.length) {
    const message =
      problems.length === 1
        ? problems[0].message
        : `${problems.length} rows of the mapping table are wrong: ${problems.map((p) => p.message).join('; ')}`;
    throw new HrError('mapper.table_invalid', message, { problems });
  }
  const jsonataRows = plans.flatMap((plan) =>
    plan.read.kind === 'jsonata' ? [{ plan, expression: plan.read.expression }] : [],
  );
  const k = new Constants();
  const source = mapperSource(plans, k);
  // Generated from checked pieces only; see tableCode.ts for what may reach the source text.
  const generated = new Function('k', 'm', 'c', 'q', 'x', source)(
    k.values,
    firstMatch,
    plainCopy,
    (index: number) => requiredMissing(plans[index]),
    (index: number, err: unknown) => rowFailed(plans[index], err, 'mapper.transform_failed'),
  ) as Generated;

  const mapSync = jsonataRows.length ? null : (input: unknown) => generated(input, NO_JSONATA);

  return {
    mapSync,
    async map(input) {
      if (mapSync) return mapSync(input);
      return generated(
        input,
        await Promise.all(jsonataRows.map(({ plan, expression }) => evaluate(plan, expression, input))),
      );
    },
    async preview(input) {
      const traces: RowTrace[] = [];
      for (const [index, plan] of plans.entries()) {
        const rowK = new Constants();
        const code = new Function('k', 'm', 'c', 'q', rowSource(plan, index, 0, rowK))(
          rowK.values,
          firstMatch,
          plainCopy,
          () => requiredMissing(plan),
        ) as {
          read(s: unknown, j: readonly unknown[]): unknown;
          finish(v: unknown): unknown;
        };
        const trace: RowTrace = { row: plan.row, target: plan.target };
        try {
          const j = plan.read.kind === 'jsonata' ? [await evaluate(plan, plan.read.expression, input)] : NO_JSONATA;
          trace.source = code.read(input, j);
          trace.value = code.finish(trace.source);
        } catch (err) {
          const e = rowFailed(plan, err, 'mapper.transform_failed');
          trace.error = { code: e.code, message: e.message };
        }
        traces.push(trace);
      }
      return traces;
    },
  };
}
