// The V8 heap flags `npm start` runs Node with (src/start.ts), chosen by the database (ADR 0015).
//
// Embedded (PGlite): a small heap. The demo and small single-node desks idle under 300 MB resident
// with a 2 MB young generation and V8 told to favour size; PGlite runs one statement at a time, so
// the request rates at which those flags cost throughput are out of its reach anyway.
// PostgreSQL: Node's defaults. Under load the small-heap flags cost dearly: at 1,100 tickets/s
// (bench/intake.bench.ts, open loop) the server spent 94% of its event loop busy with them against
// 67-72% without, and the open-loop p99 went from 53-56 ms to 146-285 ms, because a 2 MB young
// generation is collected dozens of times a second and `--optimize-for-size` keeps the heap tight.
export const EMBEDDED_HEAP_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--optimize-for-size'];

/** Node flags for the service, from the one variable that picks the database. */
export function heapFlagsFor(env: { DATABASE_URL?: string | undefined }): readonly string[] {
  return env.DATABASE_URL ? [] : EMBEDDED_HEAP_FLAGS;
}

// glibc's malloc gives a large block (128 KiB or more, at first) a mapping of its own, handed back
// to the system when freed; but freeing one raises that threshold to its size, up to 32 MiB. So
// after the first password hash (customers/secrets.ts: scrypt, 16 MiB from OpenSSL in the thread
// pool) the next ones come from the threads' malloc arenas and stay resident when freed: after the
// demo's eight logins a first start idled at 320-359 MB instead of 253 MB (measured 2026-12-02;
// ADR 0017). A fixed threshold (which glibc then never moves) keeps every block of 1 MiB or more,
// every hash included, a mapping of its own. Other C libraries ignore the variable.
export const MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) };
