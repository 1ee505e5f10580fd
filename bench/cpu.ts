// CPU accounting for the benchmarks: where the machine's cores went during a measured window
// (this thread, this process, the PostgreSQL processes, the whole machine), from process.cpuUsage
// and Linux's /proc.
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';

const r1 = (n: number) => Math.round(n * 10) / 10;

export type CpuSnap = { at: number; thread: number | null; process: number; postgres: Map<string, number>; machineBusy: number; machineTotal: number };

const CLK_TCK = 100; // Linux USER_HZ

export function threadCpuMs(): number | null {
  const f = (process as unknown as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage;
  if (!f) return null;
  const u = f.call(process);
  return (u.user + u.system) / 1000;
}

// CPU of each PostgreSQL process, by pid. A window's figure sums what each process used between
// the two snapshots: a backend that exits inside the window (an idle pool connection closing)
// takes its earlier CPU with it, which a plain sum of the living would count as negative.
function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return byPid;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      if (comm !== 'postgres' && !comm.startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK); // utime, stime
    } catch {
      // the process ended
    }
  }
  return byPid;
}

function postgresBetween(a: Map<string, number>, b: Map<string, number>): number {
  let ms = 0;
  for (const [pid, used] of b) ms += used - (a.get(pid) ?? 0);
  return ms;
}

function machineCpu(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = v[3] + (v[4] ?? 0);
    const total = v.reduce((a, b) => a + b, 0);
    return { busy: ((total - idle) * 1000) / CLK_TCK, total: (total * 1000) / CLK_TCK };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

export function cpuSnap(): CpuSnap {
  const u = process.cpuUsage();
  const m = machineCpu();
  return { at: performance.now(), thread: threadCpuMs(), process: (u.user + u.system) / 1000, postgres: postgresCpuMs(), machineBusy: m.busy, machineTotal: m.total };
}

export type CpuReport = { wallMs: number; mainThreadPct: number | null; processPct: number; postgresPct: number; machineBusyPct: number; cores: number };

export function cpuReport(a: CpuSnap, b: CpuSnap): CpuReport {
  const wall = b.at - a.at;
  // Percent of one core.
  const pct = (x: number) => r1((100 * x) / wall);
  const total = b.machineTotal - a.machineTotal;
  return {
    wallMs: wall,
    mainThreadPct: a.thread !== null && b.thread !== null ? pct(b.thread - a.thread) : null,
    processPct: pct(b.process - a.process),
    postgresPct: pct(postgresBetween(a.postgres, b.postgres)),
    machineBusyPct: total > 0 ? r1((100 * (b.machineBusy - a.machineBusy)) / total) : NaN,
    cores: availableParallelism(),
  };
}
