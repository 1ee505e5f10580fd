// The chat transcript job (tickets/chat-transcript.ts): pg-boss's cron asks for a run every minute
// (stored in the database, so several instances run it once; the claim makes a second run harmless).
import type { Clock, Db, Logger, PgBoss } from '../platform/index.ts';
import { mailChatTranscripts } from '../tickets/index.ts';
import { registerCron } from './cron.ts';

export const CHAT_TRANSCRIPTS = 'chat-transcripts';

export type ChatTranscriptDeps = { db: Db; clock: Clock; logger: Logger };

export async function handleChatTranscripts(deps: ChatTranscriptDeps): Promise<number> {
  const mailed = await mailChatTranscripts({ ctx: { ...deps, actor: { kind: 'system' } } });
  if (mailed > 0) deps.logger.info({ mailed }, 'chat transcripts mailed');
  return mailed;
}

export async function registerChatTranscriptJob({ boss, ...deps }: ChatTranscriptDeps & { boss: PgBoss }): Promise<void> {
  await registerCron(boss, { name: CHAT_TRANSCRIPTS, cron: '* * * * *', run: () => handleChatTranscripts(deps), logger: deps.logger, pollingIntervalSeconds: 15 });
}
