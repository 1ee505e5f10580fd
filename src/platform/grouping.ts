// The queue both group writing and group reading run on (ADR 0013): requests queue; while fewer
// than `maxInFlight` groups are on their way, the queued requests (at most `maxGroup`) leave as
// one group. Nothing waits on a timer: a request that finds no group on its way leaves at once.

export type GroupOptions = {
  /** Requests in one group at most. */
  maxGroup: number;
  /** Groups on their way at once (each holds one connection). */
  maxInFlight: number;
};

export const GROUP_DEFAULTS: GroupOptions = { maxGroup: 64, maxInFlight: 1 };

/** Groups sent and the requests in them since the process started, by kind (`write`, `read:<name>`): for /metrics. */
export const groupStats = new Map<string, { groups: number; requests: number }>();

function countGroup(kind: string, requests: number): void {
  const s = groupStats.get(kind);
  if (s) {
    s.groups++;
    s.requests += requests;
  } else groupStats.set(kind, { groups: 1, requests });
}

/**
 * Queues requests of type `R` and hands them to `send` in groups. `send` settles every request of
 * its group; it is not expected to throw.
 */
export class Grouper<R> {
  private readonly queue: R[] = [];
  private inFlight = 0;
  private readonly kind: string;
  private readonly options: GroupOptions;
  private readonly send: (group: R[]) => Promise<void>;

  constructor(kind: string, options: GroupOptions, send: (group: R[]) => Promise<void>) {
    this.kind = kind;
    this.options = options;
    this.send = send;
  }

  add(request: R): void {
    this.queue.push(request);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.options.maxGroup);
      this.inFlight++;
      countGroup(this.kind, group.length);
      void this.send(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }
}

/** An error with a SQLSTATE: PostgreSQL refused the statement, so nothing of it was done. */
export function reportedByPostgres(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
