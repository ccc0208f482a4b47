#!/usr/bin/env node
/**
 * hr-store-migrate --from <store.db> --to <postgres://…>
 * Moves a SQLite store into a new, empty PostgreSQL database. The URL may come from HR_STORE_URL
 * instead, keeping its password out of the process list.
 */
import { parseArgs } from 'node:util';
import { toHrError } from '../errors';
import { migrateSqliteToPostgres } from './migrate';

const USAGE =
  'usage: hr-store-migrate --from <sqlite store file> --to <postgres://user:password@host:5432/database>  (or set HR_STORE_URL)';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } },
  });
  const url = values.to ?? process.env.HR_STORE_URL;
  if (values.help || !values.from || !url) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const report = await migrateSqliteToPostgres({ file: values.from, url });
  for (const [table, rows] of Object.entries(report.rows)) console.log(`${table.padEnd(14)} ${rows}`);
  console.log('audit log verified');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const error = toHrError(err, 'store.failed');
    console.error(`${error.code}: ${error.message}`);
    process.exitCode = 1;
  },
);
