import fs from 'node:fs';
import path from 'node:path';

/** A vendor's published example, as copied into test/fixtures/vendors/<vendor>/ (tests run from the repository root). */
export const vendorFixture = (vendor: string, file: string): string =>
  fs.readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'vendors', vendor, file), 'utf8');
export const vendorJson = <T = unknown>(vendor: string, file: string): T =>
  JSON.parse(vendorFixture(vendor, file)) as T;
