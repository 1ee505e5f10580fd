// What a benchmark phase counts in its measured window: the latency of each success (a growing
// Float64Array, so a long window does not allocate per request) and the failures by kind, with a
// few samples to show.
export class Tally {
  ok = 0;
  errors = 0;
  readonly errorsByStatus: Record<string, number> = {};
  readonly errorSamples: string[] = [];
  private latencies = new Float64Array(1 << 16);

  success(latencyMs: number): void {
    if (this.ok === this.latencies.length) {
      const bigger = new Float64Array(this.latencies.length * 2);
      bigger.set(this.latencies);
      this.latencies = bigger;
    }
    this.latencies[this.ok++] = latencyMs;
  }

  failure(kind: string, sample: string): void {
    this.errors++;
    this.errorsByStatus[kind] = (this.errorsByStatus[kind] ?? 0) + 1;
    if (this.errorSamples.length < 5) this.errorSamples.push(sample);
  }

  /** The successes' latencies, in the order they were counted. */
  values(): Float64Array {
    return this.latencies.slice(0, this.ok);
  }
}
