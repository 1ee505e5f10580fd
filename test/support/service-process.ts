// Accord as a real process (`node src/main.ts`, or `src/start.ts` as `npm start` runs it), for tests that kill it: started on a data
// directory (and a PostgreSQL database on the postgres pass), answering at the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type ServiceProcess = {
  url: string;
  child: ChildProcess;
  /** The demo logins with their tokens (data/demo-credentials.json). */
  credentials(): { agents: Array<{ role: string; token: string }>; contacts: Array<{ email: string; token: string }> };
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts the service and resolves once it prints its URL.
 * @example
 * const svc = await startServiceProcess({ dataDir, databaseUrl, env: { SMTP_URL: sink.url, ACCORD_SUPPORT_EMAIL: 'support@desk.example' } });
 * await fetch(`${svc.url}/healthz`);
 * await svc.kill('SIGKILL');
 */
export async function startServiceProcess(options: { dataDir: string; databaseUrl?: string; policy?: string; env?: Record<string, string>; entry?: string }): Promise<ServiceProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    // Any free port for the mail listener: test files run side by side.
    SMTP_LISTEN_PORT: '0',
    ACCORD_DATA_DIR: options.dataDir,
    ACCORD_DEMO: '1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: options.databaseUrl ?? '',
    ...(options.policy ? { ACCORD_POLICY: options.policy } : {}),
    // Anything else the test sets (SMTP_URL and ACCORD_SUPPORT_EMAIL for a relay, shorter claims).
    ...options.env,
  };
  // src/main.ts by default; src/start.ts for what `npm start` runs (it becomes src/main.ts, same pid).
  const child = spawn(process.execPath, [options.entry ?? 'src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Accord is running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code}) before it started:\n${output}`));
    });
  });
  return {
    url,
    child,
    credentials: () => JSON.parse(readFileSync(path.join(options.dataDir, 'demo-credentials.json'), 'utf8')),
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
