// The open loop shared by the benchmarks' load: request i is due at t0 + i / rate and started then
// (at once, when the loop is late); a slow answer never holds back the next request, so the
// callers measure latency from `due` and queueing anywhere shows in their percentiles.
import { performance } from 'node:perf_hooks';

/** Calls `send(i, due)` at each due time before `until`; resolves once every call has settled. */
export async function openLoop(t0: number, rate: number, until: number, send: (i: number, due: number) => Promise<void>): Promise<void> {
  const inflight = new Set<Promise<void>>();
  for (let i = 0; ; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due >= until) break;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const tracked: Promise<void> = send(i, due).finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  }
  await Promise.all(inflight);
}
