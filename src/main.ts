// `npm start`: configuration from the environment, parsed once; the service; the demo
// logins printed; graceful shutdown on SIGINT and SIGTERM.
// Only the configuration and the database's preparation are loaded first, so a first start's
// new embedded cluster is begun before the rest of the service loads (and, when it has to be made
// by PGlite's initdb in a child process, made while it loads).
import { join } from 'node:path';
import { ConfigError, loadConfig } from './platform/config.ts';
import { prepareDatabase } from './service/database.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`accord: ${e.message}\n`);
  process.exit(2);
}

// A failure here (say, the data directory in use) is reported below: startService prepares
// again, fails the same way, and the failure is logged and printed as every start failure is.
await prepareDatabase(config).catch(() => undefined);
const { createLogger, systemClock } = await import('./platform/index.ts');
const { startService } = await import('./service/start-service.ts');
const logger = createLogger({ level: config.logLevel });
try {
  const service = await startService({ config, clock: systemClock, logger });
  const lines = [
    `\nAccord is running at ${service.url}`,
    `  Sign in: ${service.url}/login   Published policy: ${service.url}/policy   Help centre: ${service.url}/help`,
    `  API docs: ${service.url}/docs   OpenAPI: ${service.url}/openapi.json`,
  ];
  const mail = service.mail;
  if (mail.smtpPort !== null) lines.push(`  Mail in: write to ${mail.supportAddress} via smtp://localhost:${mail.smtpPort} (the built-in listener${mail.startTls ? ', STARTTLS offered' : ''})`);
  else lines.push(`  Mail: support address ${mail.supportAddress}`);
  if (mail.captured) lines.push(`  Mail out: no SMTP_URL, so every message is captured: ${service.url}/dev/mail`);
  if (service.demo) {
    lines.push(`  Demo logins (also in ${join(config.dataDir, 'demo-credentials.json')}, with API tokens):`);
    for (const a of service.demo.agents) lines.push(`    agent   ${a.role.padEnd(11)} ${a.email}  password ${a.password}`);
    for (const c of service.demo.contacts) lines.push(`    contact ${c.plan.padEnd(11)} ${c.email}  password ${c.password}`);
    lines.push(`  Try: curl -H "Authorization: Bearer ${service.demo.agents[0].token}" ${service.url}/api/v1/tickets`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (e) {
  logger.fatal({ err: e }, 'accord failed to start');
  process.stderr.write(`accord: failed to start: ${(e as Error).message}\n`);
  process.exit(1);
}
