// The public status page's JSON (Atlassian's /api/v2), as the status console tests read what an
// agent posted (status-console.test.ts, status-console-refusals.test.ts).
import type { WebApp } from './web-app.ts';

export type PublishedIncident = { id: string; name: string; status: string; impact: string; incident_updates: Array<{ status: string; body: string }> };

/** The published incidents of that name (none when nothing was recorded). */
export const incidentsNamed = async (h: WebApp, name: string): Promise<PublishedIncident[]> =>
  ((await h.app.inject({ method: 'GET', url: '/api/v2/incidents.json' })).json() as { incidents: PublishedIncident[] }).incidents.filter((i) => i.name === name);
