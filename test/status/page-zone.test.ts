// The status page speaks one zone everywhere: OpenMethods' ("6am-4pm U.S. Eastern Standard Time",
// America/New_York, five hours behind UTC in winter). Its uptime bars are New York days, the human
// text of its feeds and its subscribers' mail give New York times named as the page names them,
// and /api/v2 reports that zone; the feeds' machine fields stay UTC instants.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser, type Element } from '@xmldom/xmldom';
import ICAL from 'ical.js';
import {
  atomFeed, confirmSubscription, createIncident, fanOutPending, maintenanceCalendar, postUpdate, publicState, renderIndex, scheduleMaintenance,
  statuspageTimeZone, subscribe, v2Body,
} from '../../src/status/index.ts';
import { openDesk, type Desk } from '../support/desk.ts';
import { testBackend } from '../support/test-db.ts';
import { LINKS, outbox } from './helpers.ts';

describe(`the status page's zone, everywhere (OpenMethods), on ${testBackend}`, () => {
  let d: Desk;
  let incidentId = '';
  let maintenanceId = '';
  before(async () => {
    // 2026-12-01T04:00Z is Monday 30 November, 23:00 EST.
    d = await openDesk('openmethods', '2026-12-01T04:00:00Z');
    const anon = { ...d.system, actor: { kind: 'anonymous' as const } };
    await subscribe({ ctx: anon, input: { email: 'reader@customer.example' }, settings: LINKS });
    const confirm = (await outbox(d.t.db, 'status_confirm')).at(-1)!;
    await confirmSubscription({ ctx: anon, input: { token: /\/status\/confirm\/([A-Za-z0-9_-]+)/.exec(confirm.body)![1] } });
    const incident = await createIncident({
      ctx: d.ctx(d.agent),
      input: { name: 'Media bar down', body: 'Investigating.', impact: 'critical', components: [{ id: 'media-bar', status: 'major_outage' }] },
    });
    incidentId = incident.id;
    // 06:00Z: Tuesday 1 December, 01:00 EST.
    d.clock.set('2026-12-01T06:00:00Z');
    await postUpdate({ ctx: d.ctx(d.agent), input: { incidentId, status: 'resolved', body: 'Back.', components: [{ id: 'media-bar', status: 'operational' }] } });
    // 03:00Z-05:30Z on 12 December is Friday 11 December 22:00 to Saturday 12 December 00:30 EST.
    const maintenance = await scheduleMaintenance({
      ctx: d.ctx(d.manager),
      input: { name: 'Routing upgrade', body: 'Chat and email pause.', scheduledFor: '2026-12-12T03:00:00Z', scheduledUntil: '2026-12-12T05:30:00Z', components: ['chat-routing'] },
    });
    maintenanceId = maintenance.id;
    // Wednesday 2 December, 00:00 EST: 30 November and 1 December are whole days behind.
    d.clock.set('2026-12-02T05:00:00Z');
  });
  after(() => d.close());

  it('marks the bars of 30 November and 1 December, New York days, an hour of major outage on each', async () => {
    const html = renderIndex(await publicState(d.system));
    // 60 of 1440 minutes down: 95.83 %.
    assert.match(html, /title="2026-11-30: 95\.83%, 60 min major outage"/);
    assert.match(html, /title="2026-12-01: 95\.83%, 60 min major outage"/);
    assert.match(html, /title="2026-12-02: 100\.00%"/);
    assert.match(html, /Uptime over the last 90 days\. Each bar is a day in the America\/New_York time zone:/);
    assert.doesNotMatch(html, /UTC/);
  });

  it('writes the Atom content in New York time, the zone named; <published> and <updated> stay UTC instants', async () => {
    const doc = new DOMParser().parseFromString(atomFeed(await publicState(d.system), LINKS), 'application/xml');
    const entries = Array.from(doc.getElementsByTagName('entry') as unknown as ArrayLike<Element>);
    const entry = (id: string) => entries.find((e) => e.getElementsByTagName('id')[0].textContent === `urn:uuid:${id}`)!;
    const text = (e: Element, name: string) => e.getElementsByTagName(name)[0].textContent;
    assert.equal(text(entry(incidentId), 'content'), 'Tue Dec 1 2026 01:00 AM EST — Resolved: Back.\nMon Nov 30 2026 11:00 PM EST — Investigating: Investigating.');
    assert.equal(text(entry(incidentId), 'published'), '2026-12-01T04:00:00Z');
    assert.equal(text(entry(incidentId), 'updated'), '2026-12-01T06:00:00Z');
    assert.equal(
      text(entry(maintenanceId), 'content'),
      'Scheduled for Fri Dec 11 2026, 10:00 PM to Sat Dec 12 2026, 12:30 AM EST\nTue Dec 1 2026 01:00 AM EST — Scheduled: Chat and email pause.',
    );
  });

  it('writes the iCalendar DESCRIPTION in New York time, the zone named; DTSTART and DTEND stay UTC', async () => {
    const calendar = new ICAL.Component(ICAL.parse(maintenanceCalendar(await publicState(d.system), LINKS)));
    const event = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.uid.startsWith(maintenanceId))!;
    assert.equal(event.description, 'Scheduled for Fri Dec 11 2026, 10:00 PM to Sat Dec 12 2026, 12:30 AM EST\nTue Dec 1 2026 01:00 AM EST — Scheduled: Chat and email pause.');
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-12-12T03:00:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2026-12-12T05:30:00.000Z');
    assert.equal(event.startDate.zone.tzid, 'UTC'); // DTSTART:20261212T030000Z
  });

  it("mails a subscriber the maintenance's window in New York time, in the text and the HTML", async () => {
    await fanOutPending(d.system, LINKS);
    const mail = (await outbox(d.t.db, 'status_notice')).find((m) => m.recipient === 'reader@customer.example' && m.subject.endsWith('Routing upgrade'))!;
    assert.equal(mail.subject, '[OpenMethods Status Page] Scheduled: Routing upgrade');
    assert.match(mail.body, /^Scheduled for Fri Dec 11 2026, 10:00 PM to Sat Dec 12 2026, 12:30 AM EST$/m);
    assert.match(mail.payload.html, /<p>Scheduled for Fri Dec 11 2026, 10:00 PM to Sat Dec 12 2026, 12:30 AM EST<\/p>/);
    assert.doesNotMatch(mail.body, /UTC|T\d{2}:\d{2}/);
  });

  it("reports the page's zone as Statuspage's time_zone: an IANA zone as is, a fixed offset as its Etc/ zone", async () => {
    assert.equal((v2Body(await publicState(d.system), 'summary.json', LINKS).page as { time_zone: string }).time_zone, 'America/New_York');
    assert.equal(statuspageTimeZone('-06:00'), 'Etc/GMT+6'); // POSIX's sign: six hours behind UTC
    assert.equal(statuspageTimeZone('+01:00'), 'Etc/GMT-1');
    assert.equal(statuspageTimeZone('UTC'), 'Etc/UTC');
    assert.equal(statuspageTimeZone('+00:00'), 'Etc/UTC');
    assert.equal(statuspageTimeZone('Europe/London'), 'Europe/London');
    // No Etc/ zone holds these: the offset itself, not a zone it is not.
    assert.equal(statuspageTimeZone('+05:30'), '+05:30');
    assert.equal(statuspageTimeZone('-13:00'), '-13:00');
  });
});
