import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifierFor, type InboundRequest } from '../../../lib/webhooks';
import { deliver, greenhouseSender } from '../../../sandbox/senders';

/** A stand-in for the trigger's endpoint: captures the request as Node presents it, then answers. */
async function endpoint(): Promise<{ url: string; received: Promise<InboundRequest>; close: () => Promise<void> }> {
  let resolveReceived: (req: InboundRequest) => void = () => undefined;
  const received = new Promise<InboundRequest>((resolve) => (resolveReceived = resolve));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      resolveReceived({ rawBody: Buffer.concat(chunks), headers: req.headers, receivedAt: new Date() });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/greenhouse`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

test('a delivered Greenhouse hire arrives byte for byte and verifies as the trigger would see it', async () => {
  const secret = 'gh-webhook-secret-7f3a';
  const signed = greenhouseSender({ secret }).hire({ firstName: 'Zoë', lastName: 'Åberg' });
  const server = await endpoint();
  try {
    const response = await deliver(server.url, signed);
    assert.equal(response.status, 200);
    const req = await server.received;
    assert.ok(req.rawBody.equals(signed.rawBody));
    const result = verifierFor('greenhouse').verify(req, secret);
    assert.deepEqual(result, { ok: true, eventId: signed.headers['Greenhouse-Event-ID'] });
  } finally {
    await server.close();
  }
});

test('deliver refuses to post anywhere but a plain local http endpoint', async () => {
  await assert.rejects(deliver('https://example.com/hook', { headers: {}, rawBody: Buffer.alloc(0) }), /local http/);
});
