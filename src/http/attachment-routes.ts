// /api/v1/tickets/:id/attachments: a ticket's files over the API, for its readers (agents, and
// contacts of its organization; files on internal notes for agents only). Listing, downloading
// (always as an attachment, never rendered), and sending files with a ticket (JSON, each file's
// bytes in base64, as the rest of the API speaks JSON): a public `files_added` event, within the
// limits the pages have (10 files, 10 MiB each, 25 MiB together; docs/adr/0018).
import type { FastifyInstance } from 'fastify';
import { getTicketAttachment, listTicketAttachments } from '../email/index.ts';
import { InvalidInputError } from '../platform/index.ts';
import { addFiles, MAX_FILES, MAX_TOTAL_BYTES } from '../tickets/index.ts';
import { sendDownload } from './downloads.ts';
import { ctxFor, errorResponses, SIGNED_IN, timestamp, type RouteDeps } from './route-kit.ts';
import { toWire } from './wire.ts';

type IdParams = { Params: { id: string } };
type FileParams = { Params: { id: string; attachmentId: string } };
type SentFile = { filename: string; content_type?: string; content_base64: string };

const tags = ['tickets'];
const ticketParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', description: 'the ticket id (a UUID)' } } } as const;
const fileParams = {
  type: 'object', required: ['id', 'attachmentId'],
  properties: { id: { type: 'string', description: 'the ticket id (a UUID)' }, attachmentId: { type: 'string', format: 'uuid', description: 'the file id' } },
} as const;

export const AttachmentSchema = {
  $id: 'TicketAttachment',
  type: 'object',
  required: ['id', 'filename', 'content_type', 'size', 'received_at', 'source', 'event_id', 'visibility', 'risk'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    filename: { type: ['string', 'null'], description: 'as the sender named it (mail may give none)' },
    content_type: { type: 'string', description: 'as the sender declared it; the download is always application/octet-stream' },
    size: { type: 'integer', description: 'bytes' },
    received_at: timestamp,
    source: { type: 'string', enum: ['email', 'desk'], description: "email: came with the ticket's mail; desk: attached in the portal, on the agent's page or over this API" },
    event_id: { type: ['string', 'null'], description: 'the timeline event that carried it (desk files)' },
    visibility: { type: 'string', enum: ['public', 'internal'], description: 'internal: on an internal note, for agents only' },
    risk: { type: ['string', 'null'], description: 'why it may run code when opened (a program or script, a double extension such as invoice.pdf.exe, an Office file with macros, a declared type that is a program); null: none of these. Kept, and flagged so' },
  },
} as const;

// Base64 is 4/3 of the bytes; the JSON around it is small.
const BODY_LIMIT = Math.ceil((MAX_TOTAL_BYTES * 4) / 3) + 1024 * 1024;

const addFilesBody = {
  type: 'object',
  required: ['files'],
  additionalProperties: false,
  properties: {
    files: {
      type: 'array', minItems: 1, maxItems: MAX_FILES,
      items: {
        type: 'object', required: ['filename', 'content_base64'], additionalProperties: false,
        properties: {
          filename: { type: 'string', minLength: 1, maxLength: 255 },
          content_type: { type: 'string', maxLength: 255, description: 'a media type; application/octet-stream when omitted or not one' },
          content_base64: { type: 'string', contentEncoding: 'base64', description: "the file's bytes, standard base64 with padding" },
        },
      },
    },
  },
} as const;

/** A file's bytes from its base64, refused (naming the field) unless it is canonical standard base64. */
function bytesOf(text: string, path: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) throw new InvalidInputError('A file is not valid base64', [{ path, message: 'is not standard base64 with padding' }]);
  return bytes;
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.addSchema(AttachmentSchema);

  app.get<IdParams>(
    '/api/v1/tickets/:id/attachments',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'listTicketAttachments', tags, summary: "A ticket's files: by email and attached on the desk (contacts: not those on internal notes)",
        params: ticketParams, response: { 200: { type: 'array', items: { $ref: 'TicketAttachment#' } }, ...errorResponses },
      },
    },
    async (request) => toWire(await listTicketAttachments({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id } })),
  );

  app.get<FileParams>(
    '/api/v1/tickets/:id/attachments/:attachmentId',
    {
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'downloadTicketAttachment', tags, summary: 'One file, as a download (application/octet-stream, Content-Disposition: attachment)',
        params: fileParams,
        response: { 200: { description: "the file's bytes", content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await getTicketAttachment({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, attachmentId: request.params.attachmentId } });
      return sendDownload(reply, file);
    },
  );

  app.post<IdParams & { Body: { files: SentFile[] } }>(
    '/api/v1/tickets/:id/attachments',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: SIGNED_IN },
      schema: {
        operationId: 'addTicketAttachments', tags, summary: 'Send files with a ticket (a public "files added" event); 10 files, 10 MiB each, 25 MiB together',
        params: ticketParams, body: addFilesBody, response: { 201: { $ref: 'TicketEvent#' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const files = request.body.files.map((f, i) => ({
        filename: f.filename, contentType: f.content_type ?? 'application/octet-stream', content: bytesOf(f.content_base64, `files.${i}.content_base64`),
      }));
      try {
        return reply.code(201).send(toWire(await addFiles({ ctx: ctxFor(request, deps), input: { ticketId: request.params.id, files } })));
      } catch (error) {
        // The verb names its own fields (files.0.content); the API's are content_base64 and content_type.
        if (error instanceof InvalidInputError) {
          throw new InvalidInputError(error.message, error.details.map((d) => ({ ...d, path: d.path.replace(/\.content$/, '.content_base64').replace(/\.contentType$/, '.content_type') })));
        }
        throw error;
      }
    },
  );
}
