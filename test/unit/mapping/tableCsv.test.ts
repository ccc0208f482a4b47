import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromCsv, tableToCsv } from '../../../lib/mapping/tableCsv';
import { startingTables } from '../../../lib/mapping/startingTables';
import { HrError } from '../../../lib/errors';

test('every shipped table survives a CSV round trip unchanged', () => {
  for (const table of Object.values(startingTables)) assert.deepEqual(tableFromCsv(tableToCsv(table)), table);
});

test('the CSV has a header and one line per target field, readable in a spreadsheet', () => {
  const lines = tableToCsv(startingTables.personio).trimEnd().split('\r\n');
  assert.equal(lines[0], 'target,from,source,transform,args,default,required');
  assert.equal(lines.length, startingTables.personio.length + 1);
  assert.equal(lines[6], 'employments[0].status,constant,ONBOARDING,,,,no');
});

test('a spreadsheet may order the columns freely and leave out the optional ones', () => {
  assert.deepEqual(
    tableFromCsv('source,target,required\r\nperson.legalName.first,firstName,yes\r\n" Acme ",company,\r\n'),
    [
      {
        target: 'firstName',
        from: 'path',
        source: 'person.legalName.first',
        transform: '',
        args: '',
        default: '',
        required: true,
      },
      { target: 'company', from: 'path', source: ' Acme ', transform: '', args: '', default: '', required: false },
    ],
  );
});

test('a CSV that cannot be a table says which line is wrong', () => {
  const refused = (csv: string, pattern: RegExp) =>
    assert.throws(
      () => tableFromCsv(csv),
      (err: unknown) => err instanceof HrError && err.code === 'mapper.csv_invalid' && pattern.test(err.message),
    );
  refused('target,source,colour\r\n', /^line 1: unknown column "colour"/);
  refused('source\r\nx\r\n', /^line 1: the header has no "target" column/);
  refused('target,source,required\r\na,b,maybe\r\n', /^line 2: required must be yes or no/);
  refused('target,from,source\r\na,spreadsheet,b\r\n', /^line 2: "spreadsheet" is not a kind of source/);
  refused('target,source\r\na,b,c\r\n', /^line 2: 3 cells/);
});
