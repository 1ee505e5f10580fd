// The HTML part of a message: the plain-text body, escaped, in a small readable layout. The plain
// text is the source; the HTML never says more than it.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Paragraphs at blank lines, line breaks kept, links in the words left as text (nothing clickable
 * is invented); the message's own links (Accord's pages: the case, a rating) follow as a list.
 */
export function htmlOf({ subject, body, vendor, links = [] }: { subject: string; body: string; vendor: string; links?: ReadonlyArray<{ label: string; url: string }> }): string {
  const paragraphs = body
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 1em">${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:15px;line-height:1.5;color:#1f2328">',
    `<div style="max-width:640px">${paragraphs}`,
    ...(links.length > 0
      ? [`<ul style="margin:0 0 1em;padding-left:1.2em">${links.map((l) => `<li><a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>`]
      : []),
    `<p style="margin-top:2em;color:#59636e;font-size:13px">${escapeHtml(vendor)} Support</p></div>`,
    '</body></html>',
  ].join('\n');
}
