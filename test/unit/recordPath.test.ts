import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSourcePath, parseTargetPath } from '../../lib/recordPath';

const steps = (text: string) => {
  const parsed = parseSourcePath(text);
  assert.ok(parsed.ok, `${text} should parse: ${parsed.ok ? '' : parsed.message}`);
  return parsed.value;
};
const refusal = (text: string) => {
  const parsed = parseSourcePath(text);
  assert.ok(!parsed.ok, `${text} should be refused`);
  return parsed.message;
};

test('a dotted path names one field after another', () => {
  assert.deepEqual(steps('offer.startDate'), [
    [
      { kind: 'field', name: 'offer' },
      { kind: 'field', name: 'startDate' },
    ],
  ]);
});

test('a list is entered by position or by the first element whose field has a value', () => {
  assert.deepEqual(steps('person.emails[type=work].address')[0][2], {
    kind: 'match',
    field: 'type',
    value: 'work',
    negate: false,
  });
  assert.deepEqual(steps('person.emails[type!=work].address')[0][2], {
    kind: 'match',
    field: 'type',
    value: 'work',
    negate: true,
  });
  assert.deepEqual(steps('person.phones[0].number')[0][2], { kind: 'index', index: 0 });
});

test('a filter value may be quoted to hold spaces or a closing bracket', () => {
  assert.deepEqual(steps('tags[label="full time ]"].id')[0][1], {
    kind: 'match',
    field: 'label',
    value: 'full time ]',
    negate: false,
  });
  assert.deepEqual(steps('tags[ label = full time ].id')[0][1], {
    kind: 'match',
    field: 'label',
    value: 'full time',
    negate: false,
  });
});

test('alternatives separated by "|" are read in order', () => {
  const alternatives = steps('offer.department | job.department.name');
  assert.equal(alternatives.length, 2);
  assert.deepEqual(
    alternatives[1].map((s) => (s.kind === 'field' ? s.name : '?')),
    ['job', 'department', 'name'],
  );
});

test('a malformed path says what was expected and where', () => {
  assert.match(refusal('person..first'), /expected a field name, found "\." at character 8/);
  assert.match(refusal('person.emails[type=work'), /expected "\]", found the end/);
  assert.match(refusal('person.emails[]'), /expected a field name/);
  assert.match(refusal('person name'), /expected "\|" between alternatives/);
  assert.match(refusal(''), /expected a field name/);
});

test('names that reach into an object prototype are refused', () => {
  assert.match(refusal('person.__proto__.x'), /"__proto__" cannot be used/);
  assert.match(refusal('constructor'), /"constructor" cannot be used/);
  assert.equal(parseTargetPath('work.prototype').ok, false);
});

test('a target is a dotted path with positions but no filters', () => {
  const parsed = parseTargetPath('employments[0].position.title');
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value[1], { kind: 'index', index: 0 });
  const filtered = parseTargetPath('emails[type=work].address');
  assert.ok(!filtered.ok);
  assert.match(filtered.message, /must be a number/);
});
