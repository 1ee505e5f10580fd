// The privacy domain: what a person may ask of the data held about them: a copy of it (GDPR
// art. 15 and 20) and its erasure (art. 17). Both reach across the other domains' tables on
// purpose, in one transaction, as the backup domain does.
export { eraseContact, EraseContactInput, type Erasure } from './erase-contact.ts';
export { eraseWords, ERASED, type WordsErased } from './erase-words.ts';
export { exportContactData, ExportContactDataInput, type ContactData } from './export-contact-data.ts';
export { applyRetention, RETENTION_BATCH, type RetentionDone, type RetentionSettings } from './retention.ts';
export { eraseAgent, EraseAgentInput, type AgentErasure } from './erase-agent.ts';
