// The customer's list of their organization's cases, OpenBack: found by number or words, by
// status, or only the cases one opened oneself; a filter that matches nothing says so.
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTicket, updateTicket } from '../../src/tickets/index.ts';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const listed = (html: string) => [...main(html).matchAll(/<a href="\/portal\/cases\/[0-9a-f-]+">#\d+ ([^<]+)<\/a>/g)].map((m) => m[1]);

describe("the customer's cases, found, OpenBack", () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
    const colleague = randomUUID();
    await h.desk.t.db.query('INSERT INTO contacts (id, organization_id, email, name, named_contact, created_at) VALUES ($1, $2, $3, $4, true, $5)', [
      colleague, h.contactA.organizationId, `coll-${colleague.slice(0, 8)}@customer.example`, 'Colleague', h.desk.clock.now(),
    ]);
    await openTicket(h, h.contactA, { subject: 'Export stuck at 99%', severity: 3 });
    h.desk.clock.advance({ minutes: 1 });
    const solved = await openTicket(h, h.contactA, { subject: 'Login loop after upgrade', severity: 3 });
    await updateTicket({ ctx: h.desk.ctx(h.desk.agent), input: { ticketId: solved.id, status: 'solved' } });
    h.desk.clock.advance({ minutes: 1 });
    await createTicket({ ctx: h.desk.ctx({ kind: 'contact', id: colleague, organizationId: h.contactA.organizationId }), input: { subject: 'Export of invoices', description: 'x', severity: 3 } });
    await openTicket(h, h.contactB, { subject: 'Export elsewhere', severity: 3 });
  });
  after(() => h.close());

  it('lists the organization\'s cases, and finds them by words, status and one\'s own', async () => {
    const c = await h.session(h.contactA, 'contact');
    assert.deepEqual(listed((await c.get('/portal')).body), ['Export of invoices', 'Login loop after upgrade', 'Export stuck at 99%'], 'newest first, never another organization\'s');
    assert.deepEqual(listed((await c.get('/portal?q=export')).body), ['Export of invoices', 'Export stuck at 99%']);
    assert.deepEqual(listed((await c.get('/portal?q=export&mine=1')).body), ['Export stuck at 99%']);
    assert.deepEqual(listed((await c.get('/portal?status=solved')).body), ['Login loop after upgrade']);
    assert.deepEqual(listed((await c.get('/portal?status=&q=')).body).length, 3, 'empty fields filter nothing');
    const page = main((await c.get('/portal?status=solved&mine=1')).body);
    assert.match(page, /<option value="solved" selected>Solved<\/option>/);
    assert.match(page, /<input type="checkbox" name="mine" value="1" checked>/);
    assert.match(page, /<a href="\/portal">All cases<\/a>/);
    const none = main((await c.get('/portal?q=nothing-like-this')).body);
    assert.match(none, /<p id="no-cases">No case matches\.<\/p>/);
    assert.equal((await c.get('/portal?status=lost')).statusCode, 400);
  });
});
