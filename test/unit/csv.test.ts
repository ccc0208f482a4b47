import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCsv, writeCsv } from '../../lib/csv';
import { HrError } from '../../lib/errors';

const cells = (text: string) => readCsv(text).map((r) => r.cells);

test('plain cells separated by commas, records by CRLF', () => {
  assert.deepEqual(cells('name,label\r\njob.title,Job title\r\n'), [
    ['name', 'label'],
    ['job.title', 'Job title'],
  ]);
});

test('quoted cells hold commas, doubled quotes and line breaks', () => {
  const text = 'a,b\r\n"Smith, Johnny","He said ""hi""","line one\r\nline two"\r\n';
  assert.deepEqual(cells(text), [
    ['a', 'b'],
    ['Smith, Johnny', 'He said "hi"', 'line one\r\nline two'],
  ]);
});

test('each record knows the line it starts on, even after a cell spanning lines', () => {
  const records = readCsv('h\n"one\ntwo"\nthree\n');
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 2, 4],
  );
});

test('LF-only files, a byte order mark, blank lines and a missing final line break are accepted', () => {
  assert.deepEqual(cells('\uFEFFa,b\n\n1,2'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  assert.deepEqual(cells('a,,c\n'), [['a', '', 'c']]);
});

test('a quote that is never closed is an error naming the line it opened on', () => {
  assert.throws(
    () => readCsv('a,b\r\n1,"open\r\n2,3\r\n'),
    (err: unknown) =>
      err instanceof HrError &&
      err.code === 'dictionary.csv_invalid' &&
      /^line 2: a quoted cell is never closed/.test(err.message),
  );
});

test('a stray quote in an unquoted cell or text after a closing quote is an error', () => {
  assert.throws(
    () => readCsv('a\r\nab"c\r\n'),
    (err: unknown) => err instanceof HrError && /^line 2: a quote inside an unquoted cell/.test(err.message),
  );
  assert.throws(
    () => readCsv('a\r\n"ab"c\r\n'),
    (err: unknown) => err instanceof HrError && /^line 2: unexpected "c" after a closing quote/.test(err.message),
  );
});

test('writing quotes only the cells that need it and reads back the same', () => {
  const rows = [
    ['name', 'description'],
    ['x', 'Smith, "Johnny"\nline two'],
    ['y', ' padded '],
    ['z', ''],
  ];
  const text = writeCsv(rows);
  assert.equal(text, 'name,description\r\nx,"Smith, ""Johnny""\nline two"\r\ny," padded "\r\nz,\r\n');
  assert.deepEqual(cells(text), rows);
});
