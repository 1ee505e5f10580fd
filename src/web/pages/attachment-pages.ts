// A file that came with a ticket's mail, handed out as a download: never rendered by the browser
// (Content-Disposition: attachment, a neutral content type, nosniff from the security headers),
// to whoever may read the ticket (an agent, or a contact of its organization: getTicket decides).
import type { FastifyInstance } from 'fastify';
import { getTicketAttachment } from '../../email/index.ts';
import { ctxFor, SIGNED_IN } from '../../http/route-kit.ts';
import { page, type WebDeps } from '../page-kit.ts';

const params = {
  params: {
    type: 'object', required: ['id', 'attachmentId'],
    properties: { id: { type: 'string', format: 'uuid' }, attachmentId: { type: 'string', format: 'uuid' } },
  },
} as const;

/** RFC 6266: an ASCII fallback name and the UTF-8 name (RFC 5987), neither able to break the header. */
export function contentDisposition(filename: string | null): string {
  const name = (filename ?? 'attachment').replace(/[\r\n"\\/]/g, '_').slice(0, 200) || 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function registerAttachmentPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<{ Params: { id: string; attachmentId: string } }>('/tickets/:id/attachments/:attachmentId', page(SIGNED_IN, params), async (request, reply) => {
    const file = await getTicketAttachment({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, attachmentId: request.params.attachmentId } });
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', contentDisposition(file.filename))
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });
}
