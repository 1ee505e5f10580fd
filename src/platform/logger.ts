// Structured JSON logs (pino). One logger is built at boot and passed down in ctx.
import { pino } from 'pino';
import type { DestinationStream, Logger, LevelWithSilent } from 'pino';

export type { Logger };

export function createLogger(options: { level: LevelWithSilent; destination?: DestinationStream }): Logger {
  const base = { level: options.level, base: { service: 'accord' } };
  return options.destination ? pino(base, options.destination) : pino(base);
}

/** A logger that drops everything: for tests that do not assert on logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
