// A public article is read by anyone: it carries no link the support policy keeps off what
// customers read (OPS-COM: "the client will see the comments we make in Sentry"; its release
// notes are public). Internal articles may link anywhere: only agents read them.
import { InvalidInputError, type Db } from '../platform/index.ts';
import { forbiddenLinksInText } from '../policy/index.ts';
import { ACTIVE_VERSION_SQL, loadedVersion } from '../policy-versions/index.ts';

/** Refuses, naming each field and link, a public article that links to a host the active policy forbids. */
export async function refuseForbiddenLinks(tx: Db, article: { visibility: string; title: string; bodyMarkdown: string }): Promise<void> {
  if (article.visibility !== 'public') return;
  const { rows } = await tx.query<{ id: string; version: number; activated_at: Temporal.Instant }>(ACTIVE_VERSION_SQL);
  if (!rows[0]) return;
  const policy = (await loadedVersion(tx, rows[0])).model;
  const fields = [{ path: 'title', text: article.title }, { path: 'bodyMarkdown', text: article.bodyMarkdown }];
  const details = fields.flatMap((f) => forbiddenLinksInText(policy, f.text).map((x) => ({ path: f.path, message: `${x.url}: ${x.reason}` })));
  if (details.length > 0) throw new InvalidInputError('a public article links to something the support policy keeps off what customers read', details);
}
