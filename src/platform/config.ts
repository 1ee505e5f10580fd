// Boot configuration: parsed once from the environment with one schema, then passed down.
// Nothing else in Accord reads process.env.
import { z } from 'zod';
import { networkMatcher } from './networks.ts';

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
  // Email (src/email, docs/adr/0007): the relay mail leaves by; without it mail is captured (/dev/mail).
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  // The built-in SMTP listener for mail in; "off" when mail comes by IMAP only (or not at all).
  SMTP_LISTEN_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(2525),
  // A certificate and its key (PEM files) for the listener to offer STARTTLS with; both or neither.
  // Sending servers encrypt when it is offered and fall back to plain text when it is not.
  SMTP_TLS_CERT: z.string().min(1).optional(),
  SMTP_TLS_KEY: z.string().min(1).optional(),
  // Relays whose mail the listener takes as checked already (their Authentication-Results stand):
  // addresses or CIDR networks, comma-separated, or "none". Mail from anywhere else has its
  // sender checked (SPF, DKIM, DMARC) on arrival. Default: this machine only.
  SMTP_TRUSTED_RELAYS: z.string().min(1).optional(),
  // The address mail is accepted for and sent from; required with SMTP_URL (real mail needs a real address).
  ACCORD_SUPPORT_EMAIL: z.email().optional(),
  IMAP_URL: z.url({ protocol: /^imaps?$/, error: 'must be an imap:// or imaps:// URL' }).optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  // Larger messages are refused with a notice to the sending server.
  ACCORD_EMAIL_MAX_MB: z.coerce.number().int().min(1).max(100).default(25),
  // More messages than this from one address within an hour are held as a mail loop suspected (src/email/mail-loop.ts).
  ACCORD_MAIL_LOOP_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  // How long a worker's claim on a batch of outgoing mail lasts (src/email/deliver.ts): a worker
  // that dies mid-batch leaves its rows unsent until the claim lapses, and a live worker whose
  // claim lapses may see its rows sent again by another instance. So it must exceed the time one
  // batch of sends can take (100 messages through a slow relay); lower it only when the relay is
  // fast and near (the fault runs use 15 s). At least 10 s: below that, a live worker's claim
  // could lapse in an ordinary batch.
  ACCORD_MAIL_CLAIM_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  // New tickets assigned in turn (tickets/auto-assign.ts): off, to the front line, or to every agent;
  // and at most this many open tickets per agent (0: no cap).
  ACCORD_AUTO_ASSIGN: z.enum(['off', 'front_line', 'agents']).default('off'),
  ACCORD_AUTO_ASSIGN_MAX_OPEN: z.coerce.number().int().min(0).max(10_000).default(0),
  // How long personal data is kept (privacy/retention.ts), in days; 0: for good. The words of tickets
  // closed that long ago are erased (their history stays); mail that needed nothing is deleted.
  ACCORD_RETENTION_TICKET_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  ACCORD_RETENTION_MAIL_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  // Whose web sign-in must have a second step (web/auth/two-step-required.ts): nobody's, admins', every agent's, or everyone's.
  ACCORD_TWO_STEP_REQUIRED: z.enum(['off', 'admins', 'agents', 'everyone']).default('off'),
  // Where links in status mail and feeds point (confirm, manage, unsubscribe); default: the listen address.
  ACCORD_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
});

/** Loopback: a local MTA, the demo and the tests hand mail to the listener from this machine. */
export const DEFAULT_TRUSTED_RELAYS = ['127.0.0.0/8', '::1/128'];

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
  email: {
    smtpUrl: string | undefined;
    listenPort: number | null;
    /** PEM files for STARTTLS on the listener; null: not offered. */
    listenTls: { certPath: string; keyPath: string } | null;
    /** Addresses and networks whose mail is taken as checked already; the rest is checked on arrival. */
    trustedRelays: string[];
    supportAddress: string | undefined;
    imapUrl: string | undefined;
    imapPollSeconds: number;
    maxMessageBytes: number;
    /** More messages from one address within an hour are held (ACCORD_MAIL_LOOP_LIMIT). */
    mailLoopLimit: number;
    claimSeconds: number;
  };
  baseUrl: string;
  /** New tickets assigned in turn (ACCORD_AUTO_ASSIGN, ACCORD_AUTO_ASSIGN_MAX_OPEN); null: not at all. */
  autoAssign: { roles: 'front_line' | 'agents'; maxOpen: number | null } | null;
  /** How long personal data is kept, in days (ACCORD_RETENTION_TICKET_DAYS, ACCORD_RETENTION_MAIL_DAYS); null: for good. */
  retention: { ticketDays: number | null; mailDays: number | null };
  /** Whose web sign-in must have a second step (ACCORD_TWO_STEP_REQUIRED). */
  twoStepRequired: 'off' | 'admins' | 'agents' | 'everyone';
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
  if (v.SMTP_URL && !v.ACCORD_SUPPORT_EMAIL) {
    throw new ConfigError(['ACCORD_SUPPORT_EMAIL: is required with SMTP_URL: the address customers write to and mail is sent from']);
  }
  if ((v.SMTP_TLS_CERT === undefined) !== (v.SMTP_TLS_KEY === undefined)) {
    const missing = v.SMTP_TLS_CERT === undefined ? 'SMTP_TLS_CERT' : 'SMTP_TLS_KEY';
    throw new ConfigError([`${missing}: is required with ${missing === 'SMTP_TLS_CERT' ? 'SMTP_TLS_KEY' : 'SMTP_TLS_CERT'}: STARTTLS needs the certificate and its key`]);
  }
  const relays = v.SMTP_TRUSTED_RELAYS === undefined ? DEFAULT_TRUSTED_RELAYS
    : v.SMTP_TRUSTED_RELAYS.trim().toLowerCase() === 'none' ? [] : v.SMTP_TRUSTED_RELAYS.split(',').map((e) => e.trim()).filter(Boolean);
  try {
    networkMatcher(relays);
  } catch (e) {
    throw new ConfigError([`SMTP_TRUSTED_RELAYS: ${(e as Error).message} (got ${JSON.stringify(env.SMTP_TRUSTED_RELAYS)})`]);
  }
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
    email: {
      smtpUrl: v.SMTP_URL,
      listenPort: v.SMTP_LISTEN_PORT === 'off' ? null : v.SMTP_LISTEN_PORT,
      listenTls: v.SMTP_TLS_CERT && v.SMTP_TLS_KEY ? { certPath: v.SMTP_TLS_CERT, keyPath: v.SMTP_TLS_KEY } : null,
      trustedRelays: [...relays],
      supportAddress: v.ACCORD_SUPPORT_EMAIL?.toLowerCase(),
      imapUrl: v.IMAP_URL,
      imapPollSeconds: v.IMAP_POLL_SECONDS,
      maxMessageBytes: v.ACCORD_EMAIL_MAX_MB * 1024 * 1024,
      claimSeconds: v.ACCORD_MAIL_CLAIM_SECONDS,
      mailLoopLimit: v.ACCORD_MAIL_LOOP_LIMIT,
    },
    autoAssign: v.ACCORD_AUTO_ASSIGN === 'off' ? null : { roles: v.ACCORD_AUTO_ASSIGN, maxOpen: v.ACCORD_AUTO_ASSIGN_MAX_OPEN === 0 ? null : v.ACCORD_AUTO_ASSIGN_MAX_OPEN },
    retention: { ticketDays: v.ACCORD_RETENTION_TICKET_DAYS || null, mailDays: v.ACCORD_RETENTION_MAIL_DAYS || null },
    twoStepRequired: v.ACCORD_TWO_STEP_REQUIRED,
    baseUrl: (v.ACCORD_BASE_URL ?? `http://${['0.0.0.0', '::'].includes(v.HOST) ? 'localhost' : v.HOST.includes(':') ? `[${v.HOST}]` : v.HOST}:${v.PORT}`).replace(/\/+$/, ''),
  };
}
