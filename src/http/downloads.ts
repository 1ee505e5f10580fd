// A file handed out as a download, by the pages and the API alike: never rendered by the browser
// (Content-Disposition: attachment, a neutral content type, nosniff from the security headers),
// never cached by a shared cache.
import type { FastifyReply } from 'fastify';

/** RFC 6266: an ASCII fallback name and the UTF-8 name (RFC 5987), neither able to break the header. */
export function contentDisposition(filename: string | null): string {
  const name = (filename ?? 'attachment').replace(/[\r\n"\\/]/g, '_').slice(0, 200) || 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function sendDownload(reply: FastifyReply, file: { filename: string | null; content: Buffer }): FastifyReply {
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', contentDisposition(file.filename))
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
