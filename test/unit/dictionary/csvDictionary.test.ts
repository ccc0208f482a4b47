import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dictionaryFromCsv, dictionaryToCsv } from '../../../lib/dictionary/csvDictionary';
import { defaultDictionary } from '../../../lib/dictionary/defaultDictionary';
import type { Dictionary } from '../../../lib/dictionary/field';
import { HrError } from '../../../lib/errors';

const HEADER =
  'name,label,type,required,format,maxLength,allowedValues,translation,owner,syncDirection,transform,sensitivity,immutable,description';

const problemsOf = (text: string): string[] => {
  try {
    dictionaryFromCsv(text, { version: '1' });
  } catch (err) {
    assert.ok(err instanceof HrError && err.code === 'dictionary.csv_invalid', String(err));
    return err.message.split('\n').slice(1);
  }
  return assert.fail('the CSV was accepted');
};

test('the default dictionary exported to CSV and imported again is the same dictionary', () => {
  const csv = dictionaryToCsv(defaultDictionary);
  assert.deepEqual(dictionaryFromCsv(csv, { version: defaultDictionary.version }), defaultDictionary);
});

test('values with separators, quotes, commas and line breaks survive the round trip', () => {
  const dictionary: Dictionary = {
    version: '7',
    fields: [
      {
        name: 'offer.payType',
        label: 'Pay type, "as BambooHR calls it"',
        type: 'enum',
        required: true,
        translation: { 'Salary|Annual': 'Salary', 'a=b': 'Hourly', 'back\\slash': 'Contract' },
        owner: 'ats',
        syncDirection: 'ats_to_hris',
        transform: { name: 'translate', args: [true] },
        sensitivity: 'internal',
        immutable: false,
        description: 'First line\r\nsecond line, with a comma',
      },
      {
        name: 'person.notes',
        label: 'Notes',
        type: 'string',
        required: false,
        format: '[^|]*',
        maxLength: 2000,
        allowedValues: ['a|b', 'c'],
        owner: 'manual',
        syncDirection: 'none',
        transform: { name: 'truncate', args: [2000, 'https://ats.example.com/notes'] },
        sensitivity: 'internal',
      },
    ],
  };
  assert.deepEqual(dictionaryFromCsv(dictionaryToCsv(dictionary), { version: '7' }), dictionary);
});

test('a translation table and allowed values are written in one cell each', () => {
  const csv = dictionaryToCsv(defaultDictionary);
  assert.ok(csv.includes('Full-time=full_time|Part-time=part_time|Contract=contractor'));
  assert.ok(csv.includes(',work|personal|other,'));
});

test('a hand-written CSV with columns in any order and optional columns left out is read', () => {
  const csv =
    'label,name,type,owner,syncDirection,sensitivity,required\r\nJob title,job.title,string,ats,ats_to_hris,internal,yes\r\n';
  assert.deepEqual(dictionaryFromCsv(csv, { version: '2' }).fields, [
    {
      name: 'job.title',
      label: 'Job title',
      type: 'string',
      owner: 'ats',
      syncDirection: 'ats_to_hris',
      sensitivity: 'internal',
      required: true,
    },
  ]);
});

test('every problem is reported with its line and column', () => {
  const csv = [
    HEADER,
    'job.title,Job title,string,true,,255,,,ats,ats_to_hris,,internal,,',
    'person.legalName.first,First name,string,true,,abc,,,hris,ats_to_hris,,personal,,',
    'offer.type,Type,enum,maybe,,,,Full-time,ats,ats_to_hris,,internal,,',
    'offer.startDate,,date,true,,,,,ats,sideways,,internal,,',
    'offer.title,Title,text,true,,,,,ats,ats_to_hris,shout(1),internal,,',
  ].join('\r\n');
  assert.deepEqual(problemsOf(csv), [
    'line 3, column "maxLength": "abc" is not a whole number',
    'line 4, column "required": "maybe" is not true or false',
    'line 4, column "translation": "Full-time" is not written Source=Target',
  ]);
  const second = [
    HEADER,
    'offer.startDate,,date,true,,,,,ats,sideways,,internal,,',
    'offer.title,Title,text,true,,,,,ats,ats_to_hris,shout(1),internal,,',
  ].join('\r\n');
  const problems = problemsOf(second);
  assert.equal(problems.length, 4);
  assert.equal(problems[0], 'line 2, column "label": the cell is empty but must be filled in');
  assert.match(problems[1] ?? '', /^line 2, column "syncDirection": /);
  assert.match(problems[2] ?? '', /^line 3, column "type": .*"string"/);
  assert.match(problems[3] ?? '', /^line 3, column "transform": must be one of the transforms: isoDate/);
});

test('a field listed twice is reported on the line of the second one', () => {
  const row = 'job.title,Job title,string,true,,,,,ats,ats_to_hris,,internal,,';
  assert.deepEqual(problemsOf([HEADER, row, row].join('\r\n')), ['line 3, column "name": "job.title" is listed twice']);
});

test('a header with an unknown or missing column is refused', () => {
  assert.deepEqual(problemsOf('name,label,type,owner,sensitivity,colour\r\n'), [
    'line 1, column "colour": unknown column; the columns are name, label, type, required, format, maxLength, allowedValues, translation, owner, syncDirection, transform, sensitivity, immutable, description',
    'line 1, column "syncDirection": the column is missing',
  ]);
});

test('a row with the wrong number of cells is reported', () => {
  assert.deepEqual(problemsOf(`${HEADER}\r\njob.title,Job title,string\r\n`).slice(0, 1), [
    'line 2: has 3 cells but the header has 14',
  ]);
});
