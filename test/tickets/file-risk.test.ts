// Which files are flagged as able to run code when opened (tickets/file-risk.ts), by name and by
// declared type; ordinary files a customer sends (screenshots, logs, PDFs, Office documents) are not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileRisk } from '../../src/tickets/file-risk.ts';

describe('files that can run code when opened', () => {
  it('programs and scripts, by their extension, in any case', () => {
    for (const name of ['setup.exe', 'screensaver.scr', 'run.bat', 'run.cmd', 'install.msi', 'helper.js', 'macro.vbs', 'fix.ps1', 'SETUP.EXE']) {
      const ext = name.split('.').at(-1)!.toLowerCase();
      assert.equal(fileRisk(name, 'application/octet-stream'), `a program or script (.${ext}): it runs when opened`, name);
    }
  });

  it('a double extension names the file it pretends to be, spaces before the last one too', () => {
    assert.equal(fileRisk('invoice.pdf.exe', 'application/pdf'), 'a program (.exe) named to look like a .pdf file');
    assert.equal(fileRisk('invoice.pdf      .exe', 'application/pdf'), 'a program (.exe) named to look like a .pdf file');
    assert.equal(fileRisk('photo.jpg.scr', 'image/jpeg'), 'a program (.scr) named to look like a .jpg file');
  });

  it('macro-enabled Office files', () => {
    assert.equal(fileRisk('budget.xlsm', 'application/vnd.ms-excel.sheet.macroEnabled.12'), 'an Office file with macros (.xlsm): its code runs if macros are enabled');
    assert.equal(fileRisk('letter.docm', 'application/octet-stream'), 'an Office file with macros (.docm): its code runs if macros are enabled');
    assert.equal(fileRisk('deck.pptm', 'application/octet-stream'), 'an Office file with macros (.pptm): its code runs if macros are enabled');
  });

  it('a declared type that is a program while the name says otherwise (a mismatch)', () => {
    assert.equal(fileRisk('report.pdf', 'application/x-msdownload'), 'sent as application/x-msdownload, a program, script or file with macros, though named .pdf');
    assert.equal(fileRisk('notes.txt', 'text/javascript; charset=utf-8'), 'sent as text/javascript, a program, script or file with macros, though named .txt');
    assert.equal(fileRisk('report.docx', 'application/vnd.ms-word.document.macroEnabled.12'), 'sent as application/vnd.ms-word.document.macroenabled.12, a program, script or file with macros, though named .docx');
    assert.equal(fileRisk(null, 'application/x-msdos-program'), 'sent as application/x-msdos-program, a program, script or file with macros');
  });

  it('ordinary files are not flagged', () => {
    for (const [name, type] of [
      ['screen.png', 'image/png'], ['worker.log', 'text/plain'], ['invoice.pdf', 'application/pdf'], ['budget.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['report.v2.pdf', 'application/pdf'], ['config.json', 'application/json'], ['exe', 'text/plain'], [null, 'application/octet-stream'], ['logs.zip', 'application/zip'],
    ] as const) assert.equal(fileRisk(name, type), null, String(name));
  });
});
