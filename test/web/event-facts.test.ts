// A timeline entry's data as its readers see it (QA, 2026-12-04: customers saw JSON and ids):
// statuses and metrics by name, times in the reader's zone, no ids, nested facts in words.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventFacts, fileKindText } from '../../src/web/format.ts';

const show = (instant: string) => `<${instant}>`;

describe('timeline facts', () => {
  it('names statuses, shows times, drops ids and the files and notified lists shown on their own', () => {
    assert.deepEqual(eventFacts({ from: 'open', to: 'pending_third_party', reason: 'vendor fix', eta: '2026-12-07T15:00:00Z' }, show), [
      { label: 'from', text: 'Open' }, { label: 'to', text: 'Waiting on third party' }, { label: 'reason', text: 'vendor fix' }, { label: 'eta', text: '<2026-12-07T15:00:00Z>' },
    ]);
    assert.deepEqual(eventFacts({ ticket_id: '76743884-1c2b-4c1e-9a11-0e5f2a1b3c4d', number: 1013, files: [{ id: 'x' }], notified: ['y'] }, show), [{ label: 'number', text: '1013' }]);
    // Lists of contacts by id (who was copied) say nothing to a reader: left out.
    assert.deepEqual(eventFacts({ added: ['b19c9c2d-0000-4000-8000-000000000001'], removed: [] }, show), []);
  });

  it('writes a nested fact in words, not JSON', () => {
    assert.deepEqual(eventFacts({ classified: { rule: 'degraded and workaround != "acceptable"', source: 'rules', severity: 2, rule_id: 'r1' } }, show), [
      { label: 'classified', text: 'rule degraded and workaround != "acceptable"; source rules; severity 2' },
    ]);
    assert.deepEqual(eventFacts({ due: '2026-12-02T11:00:00.559Z', metric: 'first_response', automatic: true }, show), [
      { label: 'due', text: '<2026-12-02T11:00:00.559Z>' }, { label: 'metric', text: 'First response' }, { label: 'automatic', text: 'true' },
    ]);
    assert.deepEqual(eventFacts({ channel: 'web', role: 'front_line' }, show), [{ label: 'channel', text: 'Web form' }, { label: 'role', text: 'Front line' }]);
    assert.deepEqual(eventFacts(null, show), []);
  });
});

describe('a file kind in words', () => {
  it('names the common kinds, else the family or the extension, never the MIME type', () => {
    assert.equal(fileKindText('application/pdf', 'invoice.pdf'), 'PDF document');
    assert.equal(fileKindText('IMAGE/PNG; name=x', 'x.png'), 'PNG image');
    assert.equal(fileKindText('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a.xlsx'), 'Excel spreadsheet');
    assert.equal(fileKindText('image/x-portable-pixmap', 'scan.ppm'), 'Image');
    assert.equal(fileKindText('application/octet-stream', 'device.log'), 'LOG file');
    assert.equal(fileKindText('application/octet-stream', null), 'File');
    assert.equal(fileKindText('application/x-whatever', 'noextension'), 'File');
  });
});
