import type { RowPlan } from './tablePlan';
import type { PathStep, TargetStep } from '../recordPath';

/**
 * Generates the JavaScript of a compiled table. Only checked pieces reach the source text: field
 * names and filter values as JSON string literals (lib/recordPath.ts refuses prototype names), positions
 * and row numbers as integers. Everything else a user wrote (constants, defaults, bound transforms)
 * is handed in through the `k` array, never spelled into the code.
 *
 * Generated code rather than composed closures because, measured on the BambooHR table in one run,
 * a closure chain (one call per path step and per row) mapped 0.3–0.4 M records/s against 1.7–3.3 M
 * for the generated function, whose property loads V8 inlines.
 */

/** Values handed to the generated code by position. */
export class Constants {
  readonly values: unknown[] = [];
  ref(value: unknown): string {
    this.values.push(value);
    return `k[${this.values.length - 1}]`;
  }
}

const literal = (text: string): string => JSON.stringify(text);
const missing = (name: string): string => `(${name} === undefined || ${name} === null || ${name} === '')`;
const access = (step: TargetStep | PathStep): string =>
  step.kind === 'field' ? `[${literal(step.name)}]` : step.kind === 'index' ? `[${step.index}]` : '';

function pathCode(steps: readonly PathStep[]): string {
  return steps
    .map((step, i) => {
      const from = i === 0 ? 's' : 'v';
      if (step.kind === 'field') return `v = ${from} == null ? undefined : ${from}${access(step)};`;
      if (step.kind === 'index') return `v = Array.isArray(${from}) ? ${from}[${step.index}] : undefined;`;
      return `v = m(${from}, ${literal(step.field)}, ${literal(step.value)}, ${step.negate});`;
    })
    .join(' ');
}

/** Statements that leave the row's source value in `v`; `slot` is the row's place among the JSONata rows. */
export function readCode(plan: RowPlan, k: Constants, slot: number): string {
  const read = plan.read;
  if (read.kind === 'constant') return read.value === undefined ? 'v = undefined;' : `v = ${k.ref(read.value)};`;
  if (read.kind === 'jsonata') return `v = j[${slot}];`;
  return read.alternatives.reduceRight(
    (rest, alternative) => `${pathCode(alternative)}${rest ? ` if (${missing('v')}) { ${rest} }` : ''}`,
    '',
  );
}

/**
 * Statements from `v` to the value sent, `w`: a missing value takes the default, a present one goes
 * through the transform (which never sees a missing value); a required field still missing throws.
 * An object taken as it is is copied, so the record sent on never shares objects with msg.canonical.
 */
export function finishCode(plan: RowPlan, index: number, k: Constants): string {
  const fallback = plan.fallback === undefined ? 'undefined' : k.ref(plan.fallback);
  const present = plan.transform
    ? `w = ${k.ref(plan.transform)}(v); if (${missing('w')}) w = ${fallback};`
    : "w = typeof v === 'object' ? c(v) : v;";
  const required = plan.required && plan.fallback === undefined ? ` if (w === undefined) throw q(${index});` : '';
  return `if (${missing('v')}) w = ${fallback}; else { ${present} }${required}`;
}

/**
 * The source of the whole mapper: one function, rows in table order, groups created as rows first name
 * them. A group none of whose rows had a value is removed again (deepest first), so a target never
 * receives `home: {}` for a hire with no home phone.
 */
export function mapperSource(plans: readonly RowPlan[], k: Constants): string {
  const containers = new Map<string, string>();
  const prunes: string[] = [];
  let slot = 0;
  const rows = plans.map((plan, index) => {
    const lines = [`r = ${index};`];
    let key = '';
    let parent = 'o';
    for (let i = 0; i < plan.targetSteps.length - 1; i++) {
      const step = plan.targetSteps[i];
      key += step.kind === 'field' ? `.${step.name}` : `[${step.index}]`;
      let name = containers.get(key);
      if (name === undefined) {
        name = `t${containers.size}`;
        containers.set(key, name);
        const isList = plan.targetSteps[i + 1].kind === 'index';
        lines.push(`const ${name} = ${isList ? '[]' : '{}'}; ${parent}${access(step)} = ${name};`);
        if (!isList && step.kind === 'field')
          prunes.unshift(`if (Object.keys(${name}).length === 0) delete ${parent}${access(step)};`);
      }
      parent = name;
    }
    lines.push(readCode(plan, k, plan.read.kind === 'jsonata' ? slot++ : -1));
    lines.push(finishCode(plan, index, k));
    const assign = `${parent}${access(plan.targetSteps[plan.targetSteps.length - 1])} = w;`;
    lines.push(plan.fallback === undefined ? `if (w !== undefined) ${assign}` : assign);
    return `    // row ${plan.row}\n    ${lines.join('\n    ')}`;
  });
  return `'use strict';
return function mapTable(s, j) {
  const o = {};
  let v, w, r = 0;
  try {
${rows.join('\n')}
${prunes.map((p) => `    ${p}`).join('\n')}
  } catch (e) {
    throw x(r, e);
  }
  return o;
};`;
}

/** The source of one row's two halves, for the preview: read (source value) and finish (value sent). */
export function rowSource(plan: RowPlan, index: number, slot: number, k: Constants): string {
  return `'use strict';
return {
  read(s, j) { let v; ${readCode(plan, k, slot)} return v; },
  finish(v) { let w; ${finishCode(plan, index, k)} return w; },
};`;
}
