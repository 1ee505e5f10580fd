// /api/v2 read by an existing Statuspage client from npm (statuspage.io), over a real socket, and
// every field checked by name and type against that client's published types (its Result.d.ts,
// read from the installed package), so a drift on either side fails here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Statuspage } from 'statuspage.io';
import { openTicketApp, type TicketApp } from '../http/ticket-app.ts';

type Shape = { [field: string]: string | Shape };

/** The interfaces and enums of the client's Result.d.ts: field -> TypeScript type text (or a nested shape). */
function publishedTypes(): { interfaces: Record<string, Shape>; enums: Record<string, string[]> } {
  const text = readFileSync(new URL('../../node_modules/statuspage.io/dist/interfaces/Result.d.ts', import.meta.url), 'utf8');
  const interfaces: Record<string, Shape> = {};
  const enums: Record<string, string[]> = {};
  for (const m of text.matchAll(/export declare enum (\w+) \{([^}]*)\}/g)) enums[m[1]] = [...m[2].matchAll(/= "([^"]+)"/g)].map((v) => v[1]);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^export interface (\w+)(?: extends [\w, ]+)? \{$/.exec(lines[i]);
    if (!head) continue;
    const stack: Shape[] = [{}];
    interfaces[head[1]] = stack[0];
    for (i++; i < lines.length && stack.length > 0; i++) {
      const line = lines[i].trim();
      if (line === '}' || line === '};') { stack.pop(); continue; }
      const nested = /^(\w+): \{$/.exec(line);
      if (nested) { const inner: Shape = {}; stack.at(-1)![nested[1]] = inner; stack.push(inner); continue; }
      const field = /^(\w+)\??: (.+);$/.exec(line);
      if (field) stack.at(-1)![field[1]] = field[2];
    }
    i--;
  }
  return { interfaces, enums };
}

const { interfaces, enums } = publishedTypes();

/** Checks a value against a published field type; returns the problems, with the path. */
function check(value: unknown, type: string | Shape, path: string, extraEnum: Record<string, string[]> = {}): string[] {
  if (typeof type !== 'string') {
    if (!value || typeof value !== 'object') return [`${path}: expected an object`];
    return Object.entries(type).flatMap(([k, t]) => (k in (value as object) ? check((value as any)[k], t, `${path}.${k}`, extraEnum) : [`${path}.${k}: missing`]));
  }
  const alternatives = type.split(' | ').map((t) => t.trim());
  const fits = alternatives.some((t) => {
    if (t === 'null') return value === null;
    if (t === 'string' || t === 'number' || t === 'boolean') return typeof value === t;
    if (t.endsWith('[]')) return Array.isArray(value);
    if (enums[t]) return typeof value === 'string' && [...enums[t], ...(extraEnum[t] ?? [])].includes(value);
    if (interfaces[t]) return check(value, interfaces[t], path, extraEnum).length === 0;
    throw new Error(`unknown published type ${t}`);
  });
  if (!fits) return [`${path}: ${JSON.stringify(value)} is not ${type}`];
  const item = alternatives.find((t) => t.endsWith('[]'));
  if (item && Array.isArray(value) && interfaces[item.slice(0, -2)]) {
    return value.flatMap((v, i) => check(v, interfaces[item.slice(0, -2)], `${path}[${i}]`, extraEnum));
  }
  return [];
}

// Where the client's types are narrower than Atlassian's API for maintenances: its live pages send
// impact "maintenance", and a maintenance's updates carry maintenance statuses (the client reuses
// IncidentUpdate, typed with incident statuses).
const MAINTENANCE_IMPACT = { IncidentImpact: ['maintenance'], IncidentStatus: ['scheduled', 'in_progress', 'verifying', 'completed'] };
const maintenanceShape = (): Shape => ({ ...interfaces.Incident, status: 'MaintenanceStatus', scheduled_for: 'string', scheduled_until: 'string' });

describe('/api/v2 read by the statuspage.io client', () => {
  let h: TicketApp;
  let client: Statuspage;
  before(async () => {
    h = await openTicketApp('openmethods', 'premium');
    const as = (payload: object, url: string) => h.as(h.agent.token, { method: 'POST', url, payload });
    const incident = (await as({ name: 'Chat routing down', body: 'Investigating.', impact: 'major', components: [{ id: 'chat-routing', status: 'major_outage' }] }, '/api/v1/status/incidents')).json();
    h.desk.clock.advance({ minutes: 15 });
    await as({ status: 'monitoring', body: 'A fix is out.', components: [{ id: 'chat-routing', status: 'degraded_performance' }] }, `/api/v1/status/incidents/${incident.id}/updates`);
    await as({ name: 'Media bar hotfix', body: 'No downtime.', postmortem: 'A timer bug.', components: ['media-bar'] }, '/api/v1/status/hotfixes');
    // Starting now (the clock is at 10:15): a start already past is refused (lifecycle.test.ts).
    assert.equal((await as({ name: 'Upgrade', body: 'Planned.', scheduled_for: '2026-12-02T10:15:00Z', scheduled_until: '2026-12-02T12:00:00Z', components: ['email-routing'] }, '/api/v1/status/maintenances')).statusCode, 201);
    await as({ name: 'Next upgrade', body: 'Planned.', scheduled_for: '2026-12-20T10:00:00Z', scheduled_until: '2026-12-20T12:00:00Z' }, '/api/v1/status/maintenances');
    const { handleStatusSweep } = await import('../../src/jobs/status-jobs.ts');
    await handleStatusSweep({ db: h.desk.t.db, clock: h.desk.clock, logger: h.desk.system.logger, baseUrl: 'http://127.0.0.1:3000' }); // starts the first one
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    client = new Statuspage('accord');
    client.setApiUrl(address);
  });
  after(() => h.close());

  it('the published types are read (the check below is not vacuous)', () => {
    assert.deepEqual(Object.keys(interfaces.Component).sort(), [
      'created_at', 'description', 'group', 'group_id', 'id', 'name', 'only_show_if_degraded', 'page_id', 'position', 'showcase', 'start_date', 'status', 'updated_at',
    ]);
    assert.deepEqual(Object.keys(interfaces.Page.page as Shape).sort(), ['id', 'name', 'time_zone', 'updated_at', 'url']);
    assert.deepEqual(enums.IncidentStatus.sort(), ['identified', 'investigating', 'monitoring', 'postmortem', 'resolved']);
  });

  it('summary.json: page, status, components, unresolved incidents, upcoming and active maintenance', async () => {
    const summary: any = await client.api.getSummary();
    const shape = { ...interfaces.Page, status: interfaces.Status.status };
    assert.deepEqual(check(summary, shape, 'summary'), []);
    for (const [i, c] of summary.components.entries()) assert.deepEqual(check(c, interfaces.Component, `components[${i}]`), []);
    for (const [i, x] of summary.incidents.entries()) assert.deepEqual(check(x, interfaces.Incident, `incidents[${i}]`), []);
    for (const [i, m] of summary.scheduled_maintenances.entries()) assert.deepEqual(check(m, maintenanceShape(), `scheduled_maintenances[${i}]`, MAINTENANCE_IMPACT), []);
    assert.deepEqual(summary.status, { indicator: 'major', description: 'Partial System Outage' });
    assert.deepEqual(summary.incidents.map((x: any) => [x.name, x.status, x.impact]), [['Chat routing down', 'monitoring', 'major']]);
    assert.deepEqual(summary.scheduled_maintenances.map((m: any) => [m.name, m.status]), [['Upgrade', 'in_progress'], ['Next upgrade', 'scheduled']]);
    const chat = summary.components.find((c: any) => c.id === 'chat-routing');
    assert.equal(chat.status, 'degraded_performance');
    const [update] = summary.incidents[0].incident_updates;
    assert.deepEqual(update.affected_components, [{ code: 'chat-routing', name: 'Chat routing', old_status: 'major_outage', new_status: 'degraded_performance' }]);
  });

  it('status.json and components.json', async () => {
    const status: any = await client.api.getStatus();
    assert.deepEqual(check(status, interfaces.Status, 'status'), []);
    const components: any = await client.api.getComponents();
    assert.deepEqual(check(components, interfaces.Components, 'components'), []);
    assert.deepEqual(components.components.map((c: any) => [c.id, c.position, c.group_id]), [
      ['media-bar', 1, null], ['interaction-flows', 2, null], ['chat-routing', 3, null], ['email-routing', 4, null],
    ]);
  });

  it('incidents.json, incidents/unresolved.json: the hotfix is a postmortem with impact none', async () => {
    const all: any = await client.api.incidents.getAll();
    assert.deepEqual(check(all, interfaces.Incidents, 'incidents'), []);
    const hotfix = all.incidents.find((x: any) => x.name === 'Media bar hotfix');
    assert.deepEqual([hotfix.status, hotfix.impact, hotfix.postmortem_body], ['postmortem', 'none', 'A timer bug.']);
    const open: any = await client.api.incidents.getUnresolved();
    assert.deepEqual(open.incidents.map((x: any) => x.name), ['Chat routing down']);
  });

  it('scheduled-maintenances.json, upcoming.json, active.json', async () => {
    const all: any = await client.api.scheduledMaintenances.getAll();
    assert.deepEqual(check(all, { ...interfaces.Page }, 'maintenances'), []);
    for (const [i, m] of all.scheduled_maintenances.entries()) assert.deepEqual(check(m, maintenanceShape(), `scheduled_maintenances[${i}]`, MAINTENANCE_IMPACT), []);
    const upcoming: any = await client.api.scheduledMaintenances.getUpcoming();
    assert.deepEqual(upcoming.scheduled_maintenances.map((m: any) => [m.name, m.scheduled_for, m.scheduled_until]), [['Next upgrade', '2026-12-20T10:00:00Z', '2026-12-20T12:00:00Z']]);
    // The client's getActive() asks for upcoming.json (a bug in the client), so active.json is read directly.
    const active = await h.app.inject({ method: 'GET', url: '/api/v2/scheduled-maintenances/active.json' });
    assert.deepEqual(active.json().scheduled_maintenances.map((m: any) => [m.name, m.status, m.started_at]), [['Upgrade', 'in_progress', '2026-12-02T10:15:00Z']]);
    assert.equal(active.headers['access-control-allow-origin'], '*');
  });
});
