// Boot configuration: parsed once from the environment with one schema, then passed down.
// Nothing else in Accord reads process.env.
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port (tests)
  // Loopback unless the operator opts in to listening on other interfaces.
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  ACCORD_DATA_DIR: z.string().min(1).default('./data'),
  ACCORD_POLICY: z.string().min(1).default('examples/policies/openback.yaml'),
  ACCORD_DEMO: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // How long new API tokens live, in days, by owner kind (a token may ask for less).
  ACCORD_TOKEN_DAYS_CONTACT: z.coerce.number().int().min(1).max(3650).default(90),
  ACCORD_TOKEN_DAYS_AGENT: z.coerce.number().int().min(1).max(3650).default(365),
  // Webhooks to loopback, private and unique-local addresses (and plain http) are refused unless
  // this is on: for receivers on the vendor's own network, and for tests (src/webhooks/address-guard.ts).
  ACCORD_WEBHOOKS_ALLOW_PRIVATE: flag,
  // Where people reach Accord (links in emails, such as password resets); defaults to http://localhost:PORT.
  ACCORD_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  policyPath: string;
  demo: boolean;
  logLevel: z.infer<typeof Config>['LOG_LEVEL'];
  tokenLifetimes: { contact: number; agent: number };
  webhooks: { allowPrivate: boolean };
  baseUrl: string;
};

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Parses the environment once. Throws ConfigError naming every bad variable.
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (FOO= in a shell or a compose file) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Config.safeParse(set);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.');
        return `${variable}: ${issue.message} (got ${JSON.stringify(env[variable] ?? null)})`;
      }),
    );
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.ACCORD_DATA_DIR,
    policyPath: v.ACCORD_POLICY,
    demo: v.ACCORD_DEMO,
    logLevel: v.LOG_LEVEL,
    tokenLifetimes: { contact: v.ACCORD_TOKEN_DAYS_CONTACT, agent: v.ACCORD_TOKEN_DAYS_AGENT },
    webhooks: { allowPrivate: v.ACCORD_WEBHOOKS_ALLOW_PRIVATE },
    baseUrl: (v.ACCORD_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
  };
}
