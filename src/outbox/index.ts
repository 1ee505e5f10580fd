// The outbox: messages queued in the transaction that decided them, delivered by the email channel.
export { queueMessage, messageInsert, managerEmails } from './queue-message.ts';
export type { OutboxKind, OutboxMessage } from './queue-message.ts';
