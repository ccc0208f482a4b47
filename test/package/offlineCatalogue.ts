/**
 * Preloaded into `node-red-dev validate` (NODE_OPTIONS=--require) so the scorecard runs without the
 * Flow Library catalogue site, which the test machines cannot reach: the catalogue request is
 * answered from a local file; every other request goes out unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';

const devDir = path.dirname(require.resolve('node-red-dev/package.json'));
// node-red-dev's own copy of axios, the one it calls: resolved at run time from its folder.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const axios = require(require.resolve('axios', { paths: [devDir] })) as {
  get: (url: string, ...rest: unknown[]) => Promise<unknown>;
};
const catalogueFile = process.env.HR_OFFLINE_CATALOGUE!;
const original = axios.get.bind(axios);

axios.get = (url: string, ...rest: unknown[]) => {
  if (url.startsWith('https://catalogue.nodered.org/')) {
    return Promise.resolve({ status: 200, data: JSON.parse(fs.readFileSync(catalogueFile, 'utf8')) });
  }
  return original(url, ...rest);
};
