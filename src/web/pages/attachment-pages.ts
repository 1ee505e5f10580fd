// A ticket's file (by email or attached on the desk), handed out as a download (http/downloads.ts)
// to whoever may read it (an agent, or a contact of its organization: getTicket decides; a file
// on an internal note, agents only).
import type { FastifyInstance } from 'fastify';
import { getTicketAttachment } from '../../email/index.ts';
import { sendDownload } from '../../http/downloads.ts';
import { ctxFor, SIGNED_IN } from '../../http/route-kit.ts';
import { page, type WebDeps } from '../page-kit.ts';

const params = {
  params: {
    type: 'object', required: ['id', 'attachmentId'],
    properties: { id: { type: 'string', format: 'uuid' }, attachmentId: { type: 'string', format: 'uuid' } },
  },
} as const;

export function registerAttachmentPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Params: { id: string; attachmentId: string } }>('/tickets/:id/attachments/:attachmentId', page(SIGNED_IN, params), async (request, reply) => {
    const file = await getTicketAttachment({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, attachmentId: request.params.attachmentId } });
    return sendDownload(reply, file);
  });
}
