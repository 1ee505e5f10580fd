// announceNotice: an admin tells a notice list's confirmed subscribers of a change (OpenMethods:
// new or replacement subprocessors). Fanned out like status updates, once per subscriber.
import { parseInput, recordAudit, type Ctx } from '../platform/index.ts';
import { enqueueNotification } from './notify.ts';
import { requireList } from './page-config.ts';
import { requireNoticeAnnouncer } from './permissions.ts';
import { AnnounceNoticeInput } from './schemas.ts';
import { InvalidInputError } from '../platform/index.ts';

export async function announceNotice({ ctx, input }: { ctx: Ctx; input: AnnounceNoticeInput }): Promise<{ id: string }> {
  requireNoticeAnnouncer(ctx.actor);
  const v = parseInput(AnnounceNoticeInput, input);
  if (v.list === 'status') throw new InvalidInputError('Announce to a notice list; the status page notifies through its updates', [{ path: 'list', message: 'must be a notice list' }]);
  const { notice } = await requireList(ctx.db, v.list);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const id = await enqueueNotification(tx, {
      list: v.list, event: 'notice', incidentId: null, componentIds: [], subject: `[${notice!.name}] ${v.subject}`, body: v.body,
    }, now);
    await recordAudit(tx, { at: now, actor: ctx.actor, type: 'status_notice.announced', subjectKind: 'status_notice', subjectId: id, data: { list: v.list, subject: v.subject } });
    return { id };
  });
}
