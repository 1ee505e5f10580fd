// How long the disk under PostgreSQL takes to make a small write durable, sampled during a
// benchmark phase: a worker thread writes 8 KiB into a file of its own next to the data directory
// and calls fdatasync, every 10 ms, as a commit's WAL flush does. A durable commit cannot answer
// before its flush, so when the disk stalls for 300 ms every commit in those 300 ms waits too,
// whatever the application: this says how much of an open loop's tail is the disk.
//
// Run as a worker (this file is its entry) by startDiskProbe; the main thread is never blocked.
import { closeSync, fdatasyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export type DiskProbeReport = { flushes: number; p50Ms: number; p99Ms: number; maxMs: number; over50: number; over100: number };

type ProbeInput = { file: string; control: SharedArrayBuffer };

if (!isMainThread && parentPort && (workerData as ProbeInput | undefined)?.file) {
  const { file, control } = workerData as ProbeInput;
  const stop = new Int32Array(control);
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(8192, 0x61);
  const spanBytes = 8 * 1024 * 1024;
  const times: number[] = [];
  // Blocks allocated first, so the samples are overwrites (as WAL segments are, once recycled).
  for (let off = 0; off < spanBytes; off += block.length) writeSync(fd, block, 0, block.length, off);
  fdatasyncSync(fd);
  let off = 0;
  while (Atomics.load(stop, 0) === 0) {
    writeSync(fd, block, 0, block.length, off);
    off = (off + block.length) % spanBytes;
    const start = performance.now();
    fdatasyncSync(fd);
    times.push(performance.now() - start);
    Atomics.wait(stop, 0, 0, 10);
  }
  closeSync(fd);
  unlinkSync(file);
  parentPort.postMessage(times);
}

function report(times: number[]): DiskProbeReport {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    flushes: sorted.length, p50Ms: r(at(50)), p99Ms: r(at(99)), maxMs: r(sorted.at(-1) ?? NaN),
    over50: sorted.filter((t) => t > 50).length, over100: sorted.filter((t) => t > 100).length,
  };
}

/** Starts probing in `dir` (a directory on the disk to watch); `stop` ends it and reports. */
export function startDiskProbe(dir: string): { stop: () => Promise<DiskProbeReport> } {
  const control = new SharedArrayBuffer(4);
  const file = join(dir, `.accord-bench-disk-probe-${process.pid}-${Date.now()}`);
  const worker = new Worker(new URL(import.meta.url), { workerData: { file, control } satisfies ProbeInput });
  const result = new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      const stop = new Int32Array(control);
      Atomics.store(stop, 0, 1);
      Atomics.notify(stop, 0);
      const times = await result;
      await worker.terminate();
      return report(times);
    },
  };
}

/** One line for a phase's output. */
export function diskLine(r: DiskProbeReport | null): string {
  if (!r) return '  disk: not probed (PostgreSQL is not on this machine, or its directory is not writable here)';
  return `  disk (8 KiB write + fdatasync every 10 ms beside PostgreSQL's data): ${r.flushes} flushes, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, longest ${r.maxMs} ms; over 50 ms: ${r.over50}, over 100 ms: ${r.over100}`;
}
