import http from 'node:http';

/** A webhook delivery as the vendor would put it on the wire: header names as the vendor spells them. */
export interface SignedDelivery {
  headers: Record<string, string>;
  rawBody: Buffer;
}

export interface DeliveryResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** POSTs the exact signed bytes to a local endpoint, as the vendor would. */
export function deliver(url: string | URL, signed: SignedDelivery): Promise<DeliveryResponse> {
  const target = new URL(url);
  if (target.protocol !== 'http:')
    return Promise.reject(new Error(`deliver only posts to local http endpoints, not ${target.protocol}`));
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      { method: 'POST', headers: { ...signed.headers, 'Content-Length': String(signed.rawBody.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(signed.rawBody);
  });
}
