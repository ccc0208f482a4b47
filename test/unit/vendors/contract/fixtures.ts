import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../../support/runtimes';

/** A vendor's published example payload from test/fixtures/vendors/<vendor>/ (each folder's README names the source). */
export const fixture = <T = any>(vendor: string, file: string): T =>
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'vendors', vendor, file), 'utf8')) as T;
