// The privacy domain: what a person may ask of the data held about them. Erasure (GDPR art. 17)
// reaches across the other domains' tables on purpose, in one transaction, as the backup domain does.
export { eraseContact, EraseContactInput, ERASED, type Erasure } from './erase-contact.ts';
