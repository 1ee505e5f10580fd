// A fixed-window counter per key (the subscribe form, per client IP). In memory: each instance
// counts its own callers, which bounds what one address can make one instance send; the
// confirmation mail's dedupe keys bound the rest.
export class WindowLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, { start: number; count: number }>();

  constructor(limit: number, windowMs: number) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts one call for `key` at `nowMs`; false when the key is over its limit in this window. */
  take(key: string, nowMs: number): boolean {
    if (this.#hits.size > 10_000) {
      for (const [k, v] of this.#hits) if (nowMs - v.start >= this.#windowMs) this.#hits.delete(k);
    }
    const hit = this.#hits.get(key);
    if (!hit || nowMs - hit.start >= this.#windowMs) {
      this.#hits.set(key, { start: nowMs, count: 1 });
      return true;
    }
    hit.count++;
    return hit.count <= this.#limit;
  }
}
