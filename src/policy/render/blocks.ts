// A neutral document (headings, paragraphs, lists, tables) that the Markdown and HTML
// writers serialize, so both formats publish exactly the same content.
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; numbered?: boolean }
  | { kind: 'table'; head: string[]; rows: string[][] };

export function toMarkdown(blocks: Block[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `${'#'.repeat(b.level)} ${b.text}`;
        case 'paragraph':
          return b.text;
        case 'list':
          return b.items.map((i, n) => `${b.numbered ? `${n + 1}.` : '-'} ${i}`).join('\n');
        case 'table':
          return [
            `| ${b.head.map(cell).join(' | ')} |`,
            `| ${b.head.map(() => '---').join(' | ')} |`,
            ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
          ].join('\n');
      }
    })
    .join('\n\n')
    .concat('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function toHtml(blocks: Block[], title: string): string {
  const body = blocks
    .map((b) => {
      switch (b.kind) {
        case 'heading':
          return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
        case 'paragraph':
          return `<p>${escapeHtml(b.text)}</p>`;
        case 'list':
          return `<${b.numbered ? 'ol' : 'ul'}>\n${b.items.map((i) => `  <li>${escapeHtml(i)}</li>`).join('\n')}\n</${b.numbered ? 'ol' : 'ul'}>`;
        case 'table':
          return [
            // Wide (a column a plan): scrolled sideways on a narrow screen, not the whole page.
            '<div class="table-scroll"><table>',
            `  <thead><tr>${b.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
            '  <tbody>',
            ...b.rows.map((r) => `    <tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`),
            '  </tbody>',
            '</table></div>',
          ].join('\n');
      }
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
table{border-collapse:collapse;margin:1rem 0}.table-scroll{overflow-x:auto}th,td{border:1px solid #ccc;padding:.35rem .6rem;text-align:left;vertical-align:top}
thead th{background:#f3f3f3}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
