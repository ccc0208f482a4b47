/**
 * The path syntax of a mapping table, small enough to read in a spreadsheet cell:
 *
 *   source  = path { "|" path }        the first alternative that has a value:
 *                                      `offer.department | job.department.name`
 *   path    = name { "." name | "[" selector "]" }
 *   name    = letters, digits, "_", "$" or "-"          `person`, `startDate`, `custom-field`
 *   selector = index                   `[0]`: the element at that position, counted from 0
 *            | name "=" value          `[type=work]`: the first element whose field, written as
 *                                      text, equals the value; quote a value that holds "]" or
 *                                      starts or ends with a space: `[label="full time "]`
 *            | name "!=" value         `[type!=work]`: the first element whose field has a value
 *                                      other than this one
 *
 *   target  = name { "." name | "[" index "]" }        `work.startDate`, `employments[0].status`
 *
 * A value is missing when it is absent, null or empty text; a path through something missing is
 * missing, never an error. Names that would reach an object's prototype are refused.
 */

import { FORBIDDEN_KEYS } from './forbiddenKeys';

export type PathStep =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'match'; field: string; value: string; negate: boolean };

export type ParsedPath<T> = { ok: true; value: T } | { ok: false; message: string };

const NAME = /[A-Za-z0-9_$-]/;

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    const at = this.i < this.text.length ? `"${this.text[this.i]}" at character ${this.i + 1}` : 'the end';
    throw new PathSyntaxError(`${what}, found ${at} of "${this.text}"`);
  }

  name(): string {
    const start = this.i;
    while (this.i < this.text.length && NAME.test(this.text[this.i])) this.i++;
    if (this.i === start) this.fail('expected a field name');
    const name = this.text.slice(start, this.i);
    if (FORBIDDEN_KEYS.has(name)) {
      this.i = start;
      this.fail(`"${name}" cannot be used as a field name`);
    }
    return name;
  }

  index(): number {
    const start = this.i;
    while (this.i < this.text.length && /\d/.test(this.text[this.i])) this.i++;
    if (this.i === start) this.fail('expected a position such as [0]');
    return Number(this.text.slice(start, this.i));
  }

  spaces(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  expect(char: string): void {
    if (this.text[this.i] !== char) this.fail(`expected "${char}"`);
    this.i++;
  }

  matchValue(): string {
    this.spaces();
    if (this.text[this.i] === '"') {
      const start = this.i;
      for (this.i++; this.i < this.text.length && this.text[this.i] !== '"'; this.i++)
        if (this.text[this.i] === '\\') this.i++;
      if (this.i >= this.text.length) this.fail('a quoted value is never closed');
      this.i++;
      const quoted = JSON.parse(this.text.slice(start, this.i)) as string;
      this.spaces();
      return quoted;
    }
    const start = this.i;
    while (this.i < this.text.length && this.text[this.i] !== ']') this.i++;
    const value = this.text.slice(start, this.i).trim();
    if (!value) this.fail('expected a value after "="');
    return value;
  }

  selector(): PathStep {
    this.expect('[');
    this.spaces();
    let step: PathStep;
    if (/\d/.test(this.text[this.i] ?? '')) {
      step = { kind: 'index', index: this.index() };
    } else {
      const field = this.name();
      this.spaces();
      const negate = this.text[this.i] === '!';
      if (negate) this.i++;
      this.expect('=');
      step = { kind: 'match', field, value: this.matchValue(), negate };
    }
    this.spaces();
    this.expect(']');
    return step;
  }

  path(allowMatch: boolean, stopAt: string): PathStep[] {
    const steps: PathStep[] = [{ kind: 'field', name: this.name() }];
    while (this.i < this.text.length && this.text[this.i] !== stopAt) {
      const c = this.text[this.i];
      if (c === '.') {
        this.i++;
        steps.push({ kind: 'field', name: this.name() });
      } else if (c === '[') {
        const at = this.i;
        const step = this.selector();
        if (step.kind === 'match' && !allowMatch) {
          this.i = at;
          this.fail('a target position must be a number such as [0]');
        }
        steps.push(step);
      } else if (c === ' ' && stopAt === '|') {
        this.spaces();
        if (this.i < this.text.length && this.text[this.i] !== '|') this.fail('expected "|" between alternatives');
      } else {
        this.fail('expected ".", "[" or the end of the path');
      }
    }
    return steps;
  }
}

class PathSyntaxError extends Error {}

function attempt<T>(parse: () => T): ParsedPath<T> {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof PathSyntaxError) return { ok: false, message: err.message };
    throw err;
  }
}

/** A source cell: one path, or alternatives separated by "|". */
export function parseSourcePath(text: string): ParsedPath<PathStep[][]> {
  return attempt(() => {
    const scanner = new Scanner(text.trim());
    const alternatives: PathStep[][] = [];
    for (;;) {
      scanner.spaces();
      alternatives.push(scanner.path(true, '|'));
      if (scanner.i >= scanner.text.length) return alternatives;
      scanner.expect('|');
    }
  });
}

export type TargetStep = { kind: 'field'; name: string } | { kind: 'index'; index: number };

/** A target cell: where the value goes in the record sent on. */
export function parseTargetPath(text: string): ParsedPath<TargetStep[]> {
  return attempt(() => new Scanner(text.trim()).path(false, '') as TargetStep[]);
}
