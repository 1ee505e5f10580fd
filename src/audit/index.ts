// The audit trail, read: who changed what outside a ticket (written by platform/audit.ts in each verb's transaction).
export { listAuditEvents, ListAuditEventsInput, type AuditEvent } from './list-audit-events.ts';
