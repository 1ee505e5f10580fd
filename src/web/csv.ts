// CSV for spreadsheets (RFC 4180), with formula injection neutralised: a cell that starts with
// =, +, -, @, a tab or a carriage return would be run as a formula by Excel or LibreOffice, so
// it is prefixed with a single quote and kept as text (OWASP's advice for CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
