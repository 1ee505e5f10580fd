// The HTTP load generator of bench/intake.bench.ts, run in a worker thread so it does not share
// the server's event loop (it still shares the machine's cores with the server and PostgreSQL).
//
// Closed loop: N clients, each with its own keep-alive socket (node:http Agent, maxSockets = N):
// a client sends POST /api/v1/tickets, waits for the answer, sends the next. Open loop: requests
// at a fixed rate, latency from each request's scheduled send time (open-loop.ts). Requests completing
// during the warm-up are not counted; after the measured window no new request is sent and the
// ones still in flight are not counted.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { mulberry32 } from './prng.ts';
import { Tally } from './tally.ts';
import { openLoop } from './open-loop.ts';
import { threadCpuMs } from './cpu.ts';

export type LoadgenInput = {
  port: number;
  tokens: string[];
  clients: number;
  /** 'open': requests at `rate` per second whatever the answers, latency from the scheduled send time. */
  mode?: 'closed' | 'open';
  rate?: number;
  warmupMs: number;
  measureMs: number;
  seed: number;
};

export type LoadgenResult = {
  ok: number;
  errors: number;
  errorsByStatus: Record<string, number>;
  errorSamples: string[];
  latenciesMs: Float64Array;
  windowMs: number;
  warmupOk: number;
  threadCpuMs: number | null;
};


function post(agent: http.Agent, port: number, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/tickets',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(input: LoadgenInput): Promise<LoadgenResult> {
  const sockets = input.mode === 'open' ? 1024 : input.clients;
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const rnd = mulberry32(input.seed);
  const t0 = performance.now();
  const measureFrom = t0 + input.warmupMs;
  const measureTo = measureFrom + input.measureMs;
  const tally = new Tally();
  let warmupOk = 0;
  let cpuAtStart: number | null = null;
  const startCpuTimer = setTimeout(() => (cpuAtStart = threadCpuMs()), input.warmupMs);

  let n = 0;
  const record = (status: number, text: string, latency: number) => {
    if (status === 201) tally.success(latency);
    else tally.failure(String(status || 'network'), `${status}: ${text.slice(0, 300)}`);
  };
  const bodyFor = (i: number, k: number) =>
    JSON.stringify({ subject: `Bench ticket ${i} (client ${k})`, description: `Something is wrong (request ${i}); please look into it.`, severity: 1 + Math.floor(rnd() * 4) });

  // Open loop: request i is due at t0 + i / rate and sent then (or at once, if the generator is
  // late); its latency runs from that due time, so a slow answer cannot hold back the next request
  // and queueing anywhere (the server, the generator, the sockets) shows in the percentiles.
  async function open(rate: number): Promise<void> {
    await openLoop(t0, rate, measureTo, (i, due) => {
      const token = input.tokens[Math.floor(rnd() * input.tokens.length)];
      return post(agent, input.port, token, bodyFor(i, 0)).then(
        (r) => r,
        (error: unknown) => ({ status: 0, text: String(error) }),
      ).then(({ status, text }) => {
        if (due < measureFrom) {
          if (status === 201) warmupOk++;
          return;
        }
        record(status, text, performance.now() - due);
      });
    });
  }

  async function client(k: number): Promise<void> {
    while (performance.now() < measureTo) {
      const token = input.tokens[Math.floor(rnd() * input.tokens.length)];
      const severity = 1 + Math.floor(rnd() * 4);
      const i = n++;
      const body = JSON.stringify({ subject: `Bench ticket ${i} (client ${k})`, description: `Something is wrong (request ${i}); please look into it.`, severity });
      const start = performance.now();
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await post(agent, input.port, token, body));
      } catch (error) {
        text = String(error);
      }
      const end = performance.now();
      if (end < measureFrom) {
        if (status === 201) warmupOk++;
        continue;
      }
      if (end > measureTo) break;
      record(status, text, end - start);
    }
  }
  if (input.mode === 'open') await open(input.rate ?? 1);
  else await Promise.all(Array.from({ length: input.clients }, (_, k) => client(k)));
  clearTimeout(startCpuTimer);
  const cpuAtEnd = threadCpuMs();
  agent.destroy();
  return {
    ok: tally.ok,
    errors: tally.errors,
    errorsByStatus: tally.errorsByStatus,
    errorSamples: tally.errorSamples,
    latenciesMs: tally.values(),
    windowMs: input.measureMs,
    warmupOk,
    threadCpuMs: cpuAtStart !== null && cpuAtEnd !== null ? cpuAtEnd - cpuAtStart : null,
  };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadgenInput).then(
    (result) => port.postMessage({ result }),
    (error: unknown) => port.postMessage({ error: String((error as Error)?.stack ?? error) }),
  );
}
