// The new words of a reply, without the quoted conversation below them: pure. Mail clients quote
// in a few well-known ways; everything from the first of them on is cut. The whole message is
// kept with the inbound message, so nothing is lost if a cut was wrong.
const QUOTE_HEADERS = [
  /^On .{1,300}wrote:\s*$/, // Gmail, Apple Mail, Thunderbird
  /^Le .{1,300}a écrit\s*:\s*$/,
  /^Am .{1,300}schrieb .{1,200}:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook
  /^-{2,}\s*Ursprüngliche Nachricht\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above From:/Sent:
  /^From:\s.+$/, // a forwarded or quoted header block
];

export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    // "On Tue, ... at 10:00, Someone <a@b>" may wrap before "wrote:".
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1].trim()}` : line;
    // Outlook's rule over its header block, in an HTML-only reply turned into text: a line of dashes.
    const ruleOverHeaders = /^-{10,}$/.test(line) && /^From:\s/.test(lines.slice(i + 1).find((l) => l.trim() !== '')?.trim() ?? '');
    if (ruleOverHeaders || QUOTE_HEADERS.some((p) => p.test(line)) || (/^On /.test(line) && /wrote:\s*$/.test(joined))) {
      end = i;
      break;
    }
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  // Only quotation (a reply above nothing): keep the whole text rather than nothing.
  return kept.length > 0 ? kept : text.trim();
}

/**
 * The text above the signature separator ("-- " on a line of its own, RFC 3676 4.3), for an agent's
 * answer: the desk adds their own signature to the customer's mail (docs/adr/0022). Kept whole
 * when nothing is above it.
 */
export function withoutSignature(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const at = lines.findIndex((l) => l === '-- ' || l === '--');
  if (at <= 0) return text;
  const kept = lines.slice(0, at).join('\n').trim();
  return kept.length > 0 ? kept : text;
}
