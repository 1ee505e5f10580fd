// What callers see of a timeline event.
import type { EventRow } from './store.ts';

export type EventView = {
  id: string;
  at: string;
  type: string;
  visibility: 'public' | 'internal';
  actor: { kind: string; id: string | null };
  body: string | null;
  data: Record<string, unknown>;
};

export function eventView(e: EventRow): EventView {
  return { id: e.id, at: e.at.toString(), type: e.type, visibility: e.visibility, actor: { kind: e.actor_kind, id: e.actor_id }, body: e.body, data: e.data };
}
