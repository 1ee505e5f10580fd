// Shared by the webhook suites: a real HTTP receiver on 127.0.0.1 that answers as scripted and
// records what it got, a ticket as webhook events carry it, and the signature check exactly as
// the README documents it for receivers.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookTicket } from '../../src/webhooks/index.ts';

export type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };
/** What the receiver does with the nth request (0-based): a status, optionally headers; 'hang' never answers. */
export type Script = (n: number, request: Received) => { status: number; headers?: Record<string, string>; body?: string } | 'hang';

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  /** Resolves when `count` requests have arrived. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(script: Script = () => ({ status: 200 })): Promise<Receiver> {
  const requests: Received[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const got: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const n = requests.length;
      requests.push(got);
      for (const w of waiters.filter((w) => requests.length >= w.count)) w.resolve();
      const answer = script(n, got);
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    received: (count) => (requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A ticket as webhook events carry it. */
export function webhookTicket(overrides: Partial<WebhookTicket> = {}): WebhookTicket {
  return {
    id: randomUUID(),
    number: 1042,
    organizationId: randomUUID(),
    requesterId: randomUUID(),
    subject: 'Nobody can log in',
    status: 'open',
    severity: 1,
    plan: 'enterprise',
    channel: 'web',
    assigneeId: null,
    createdAt: Temporal.Instant.from('2026-03-02T09:00:00Z'),
    updatedAt: Temporal.Instant.from('2026-03-02T09:00:00Z'),
    ...overrides,
  };
}

/**
 * The receiver's check, as the README's Webhooks section gives it: the timestamp within the
 * tolerance of the receiver's clock, and one v1 equal to HMAC-SHA256(secret, "<t>.<raw body>").
 */
export function verifySignature(secret: string, header: string, rawBody: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return parts
    .filter(([k]) => k === 'v1')
    .some(([, v]) => {
      const given = Buffer.from(v, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
