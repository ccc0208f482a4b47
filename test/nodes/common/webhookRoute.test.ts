/**
 * The raw-body capture against the app layout of a real Node-RED runtime: an admin app that parses
 * JSON mounted first on the root, then the HTTP node app. (The test helper's bare httpNode app does
 * not show the problem, so this builds the real layering with express.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeAPI } from 'node-red';
import express from 'express';
import { registerWebhookRoute, routeUrl } from '../../../nodes/common/webhookRoute';

async function runtimeLikeApps(httpNodeRoot = '/') {
  const root = express();
  const admin = express();
  admin.use(express.json());
  admin.get('/settings', (_req, res) => res.json({}));
  const httpNode = express();
  root.use('/', admin);
  root.use(httpNodeRoot, httpNode);
  const server = http.createServer(root);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const RED = { httpNode, settings: { httpNodeRoot } } as unknown as NodeAPI;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { root, httpNode, RED, url, close: () => new Promise((r) => server.close(r)) };
}

const escaped = Buffer.from('{"name":"Zo\\u00eb",  "id": 1}');

test('the route receives the exact bytes sent, even though the admin app parses JSON first', async () => {
  const apps = await runtimeLikeApps();
  let seen: Buffer | undefined;
  const remove = registerWebhookRoute(apps.RED, {
    path: '/hr/greenhouse',
    limitBytes: 1024,
    handler: (req, res) => {
      seen = req.rawBody;
      res.status(202).end();
    },
  });
  const res = await fetch(`${apps.url}/hr/greenhouse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: escaped,
  });
  assert.equal(res.status, 202);
  assert.ok(seen && seen.equals(escaped), `got ${seen?.toString()}`);
  remove();
  await apps.close();
});

test('the route honours httpNodeRoot', async () => {
  const apps = await runtimeLikeApps('/api/');
  assert.equal(routeUrl(apps.RED, 'hooks/ashby'), '/api/hooks/ashby');
  let seen: Buffer | undefined;
  const remove = registerWebhookRoute(apps.RED, {
    path: '/hooks/ashby',
    limitBytes: 1024,
    handler: (req, res) => ((seen = req.rawBody), res.status(200).end()),
  });
  const res = await fetch(`${apps.url}/api/hooks/ashby`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: escaped,
  });
  assert.equal(res.status, 200);
  assert.ok(seen?.equals(escaped));
  remove();
  await apps.close();
});

test('a body over the limit is flagged, not buffered', async () => {
  const apps = await runtimeLikeApps();
  let flagged: boolean | undefined;
  const remove = registerWebhookRoute(apps.RED, {
    path: '/hr/x',
    limitBytes: 10,
    handler: (req, res) => ((flagged = req.rawBodyTooLarge), res.status(413).end()),
  });
  const res = await fetch(`${apps.url}/hr/x`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: escaped,
  });
  assert.equal(res.status, 413);
  assert.equal(flagged, true);
  remove();
  await apps.close();
});

test('every form of the path Express routes here (any case, a trailing slash) gets the exact bytes and the size limit', async () => {
  const apps = await runtimeLikeApps('/api/');
  const seen: Array<{ raw?: string; tooLarge?: boolean }> = [];
  const remove = registerWebhookRoute(apps.RED, {
    path: '/hr/greenhouse',
    limitBytes: 64,
    handler: (req, res) => {
      seen.push({ raw: req.rawBody?.toString(), tooLarge: req.rawBodyTooLarge });
      res.status(req.rawBodyTooLarge ? 413 : 202).end();
    },
  });
  const variants = ['/api/hr/greenhouse', '/API/HR/GREENHOUSE', '/api/hr/greenhouse/', '/Api/Hr/GreenHouse/'];
  for (const variant of variants) {
    const res = await fetch(`${apps.url}${variant}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: escaped,
    });
    assert.equal(res.status, 202, variant);
  }
  const big = JSON.stringify({ pad: 'x'.repeat(4096) });
  for (const variant of variants) {
    const res = await fetch(`${apps.url}${variant}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    assert.equal(res.status, 413, variant);
  }
  assert.deepEqual(seen, [
    ...variants.map(() => ({ raw: escaped.toString(), tooLarge: undefined })),
    ...variants.map(() => ({ raw: '', tooLarge: true })),
  ]);
  remove();
  await apps.close();
});

test('closing removes only this route and its capture, and other routes and parsers keep working', async () => {
  const apps = await runtimeLikeApps();
  const other = registerWebhookRoute(apps.RED, {
    path: '/hr/same',
    limitBytes: 1024,
    handler: (_req, res) => res.status(201).end(),
  });
  const mine = registerWebhookRoute(apps.RED, {
    path: '/hr/same',
    limitBytes: 1024,
    handler: (_req, res) => res.status(202).end(),
  });
  const before = apps.root._router.stack.length;
  mine();
  assert.equal(apps.root._router.stack.length, before - 1);
  const res = await fetch(`${apps.url}/hr/same`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 201, 'the other node with the same path still answers');
  other();
  const gone = await fetch(`${apps.url}/hr/same`, {
    method: 'POST',
    body: '{}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(gone.status, 404);
  await apps.close();
});
