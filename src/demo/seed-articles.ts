// The demo's knowledge base: help-centre articles, FAQs, a few internal (agents-only) notes and,
// for OPS-COM, release notes, for the vendor whose policy is active. Written by the system
// through createArticle, all in one transaction: a failure leaves no half-seeded knowledge base.
import type { Clock, Ctx, Db, Logger } from '../platform/index.ts';
import { createArticle, type CreateArticleInput } from '../kb/index.ts';
import { officespaceArticles } from './articles/officespace.ts';
import { openbackArticles } from './articles/openback.ts';
import { openkeyArticles } from './articles/openkey.ts';
import { openmethodsArticles } from './articles/openmethods.ts';
import { opscomArticles } from './articles/opscom.ts';

const BY_VENDOR: Record<string, (now: Temporal.Instant) => CreateArticleInput[]> = {
  openback: openbackArticles,
  openkey: openkeyArticles,
  openmethods: openmethodsArticles,
  officespace: officespaceArticles,
  opscom: opscomArticles,
};

/**
 * Seeds the articles of `vendorId` (one of the five example policies); another vendor gets none.
 * Returns how many were written.
 * @example
 * await seedArticles({ db, clock, logger, vendorId: 'openback' });
 */
export async function seedArticles({ db, clock, logger, vendorId }: { db: Db; clock: Clock; logger: Logger; vendorId: string }): Promise<number> {
  const articles = BY_VENDOR[vendorId]?.(clock.now()) ?? [];
  await db.transaction(async (tx) => {
    const system: Ctx = { db: tx, clock, logger, actor: { kind: 'system' } };
    for (const input of articles) await createArticle({ ctx: system, input });
  });
  logger.info({ vendor: vendorId, articles: articles.length }, articles.length ? 'demo articles loaded' : 'no demo articles for this vendor');
  return articles.length;
}
