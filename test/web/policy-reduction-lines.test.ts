// OfficeSpace's admin policy page: a version its promise refuses ("such modifications will not ...
// reduce the level of support provided to our customers") is refused at the line that changed, in
// plain words; and the simulator's zones named as the vendor names them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { examplePolicySource } from '../support/desk.ts';
import { openWebApp, type WebApp } from './web-app.ts';

describe('OfficeSpace policy page: where a reduction is, and the zones offered', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  const source = examplePolicySource('officespace');
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('points shorter hours at the hours line, not the calendar id, and says it of the plan by name', async () => {
    const admin = await h.session(h.admin, 'agent');
    const shorter = source.replace('mon-fri: "05:00-22:00"', 'mon-fri: "06:00-22:00"');
    assert.notEqual(shorter, source);
    const hoursLine = lineOf(shorter, 'mon-fri: "06:00-22:00"');
    const idLine = lineOf(shorter, '- id: support');
    assert.ok(hoursLine > idLine + 1);
    const preview = (await admin.post('/admin/policy/preview', { source: shorter })).body;
    const items = /<div class="flash warning" role="note" id="reductions">[\s\S]*?<\/div>/.exec(preview)?.[0] ?? '';
    assert.ok(items.includes(`<li>line ${hoursLine}, <strong>calendar support, hours, mon-fri</strong>: support on the Support plan is no longer open at Monday 05:00</li>`), items);
    assert.doesNotMatch(items, new RegExp(`line ${idLine},`));
    assert.doesNotMatch(items, /Support&#39;s support hours/);
    // Refused on activation at the same line.
    const refused = await admin.post('/admin/policy/activate', { source: shorter });
    assert.equal(refused.statusCode, 409);
    assert.ok(refused.body.includes(`<li>line ${hoursLine}, <strong>calendar support, hours, mon-fri</strong>: support on the Support plan is no longer open at Friday 05:00</li>`));
  });

  it('points an added holiday at its own line', async () => {
    const admin = await h.session(h.admin, 'agent');
    const yearly = '        - { month: 12, day: 25, name: Christmas }\n';
    const more = source.replace(yearly, `${yearly}        - { month: 12, day: 24, name: Christmas Eve }\n`);
    const items = /id="reductions">[\s\S]*?<\/div>/.exec((await admin.post('/admin/policy/preview', { source: more })).body)?.[0] ?? '';
    assert.ok(items.includes(`<li>line ${lineOf(more, 'Christmas Eve')}, <strong>calendar support, yearly holidays, item 3</strong>: support on the Support plan is now closed on every 12/24 (Christmas Eve)</li>`), items);
  });

  it('offers the simulator\'s zones by the vendor\'s name: GMT-6 (its "-06:00"), then UTC', async () => {
    const admin = await h.session(h.admin, 'agent');
    const select = /<select id="sim-zone"[^>]*>([\s\S]*?)<\/select>/.exec((await admin.get('/admin/policy')).body)?.[1] ?? '';
    assert.equal(select, '<option value="-06:00">GMT-6</option><option value="UTC">UTC</option>');
  });
});
