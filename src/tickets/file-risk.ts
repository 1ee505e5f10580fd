// Files that can run code on the computer that opens them: pure. A file is kept whatever it is
// (nothing a customer sent is lost) and always handed out as a download (http/downloads.ts), but
// one of these is flagged beside it, wherever it came from (mail, the portal, the desk, the API,
// a held request), so that nobody opens `invoice.pdf.exe` believing it a PDF. Decided from what
// is stored (its name and declared type) whenever files are listed, so files stored before this
// rule are flagged too. A short list of well-known types rather than a package: none maintained
// says "risky" (file-type reads magic bytes, not risk), and the list is what mail filters block.

/** Programs and scripts Windows (or a browser, or Java) runs when opened. */
const RUNS = new Set([
  'exe', 'com', 'scr', 'pif', 'bat', 'cmd', 'msi', 'msp', 'js', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'ps1', 'psm1', 'hta', 'jar',
  'lnk', 'reg', 'cpl', 'dll',
]);

/** Office files with macros (Word, Excel, PowerPoint): their code runs once macros are enabled. */
const MACROS = new Set(['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppsm', 'sldm']);

/** Declared types of programs and scripts (and of macro-enabled Office files), whatever the name says. */
const RUNNABLE_TYPE = new RegExp('^(' + [
  'application/(x-msdownload|x-msdos-program|x-dosexec|x-executable|vnd\\.microsoft\\.portable-executable|x-ms-installer|x-msi)',
  'application/(x-bat|x-sh|hta|javascript|x-javascript|ecmascript|x-vbscript|java-archive)',
  'text/(javascript|ecmascript|vbscript)',
  'application/vnd\\.ms-[a-z]+\\.[a-z.]*macroenabled(\\.\\d+)?',
].join('|') + ')$');

function extensions(filename: string): string[] {
  // Spaces before an extension ("invoice.pdf      .exe") hide it in a narrow column: ignored here.
  const parts = filename.trim().toLowerCase().replace(/\s+\./g, '.').split('.');
  return parts.length > 1 ? parts.slice(1) : [];
}

/**
 * Why a file may run code when opened, in words for the pages and the API, or null.
 * @example
 * fileRisk('invoice.pdf.exe', 'application/pdf'); // 'a program (.exe) named to look like a .pdf file'
 */
export function fileRisk(filename: string | null, contentType: string): string | null {
  const exts = extensions(filename ?? '');
  const last = exts.at(-1) ?? '';
  const before = exts.at(-2);
  if (RUNS.has(last)) {
    return before && /^[a-z0-9]{2,4}$/.test(before) && !RUNS.has(before)
      ? `a program (.${last}) named to look like a .${before} file`
      : `a program or script (.${last}): it runs when opened`;
  }
  if (MACROS.has(last)) return `an Office file with macros (.${last}): its code runs if macros are enabled`;
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (RUNNABLE_TYPE.test(type)) return `sent as ${type}, a program, script or file with macros${last ? `, though named .${last}` : ''}`;
  return null;
}
