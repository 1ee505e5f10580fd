// What the IMAP tests share (imap.test.ts, received-time.test.ts, mailbox-watch-time.test.ts): a
// scriptable IMAP server on loopback (hoodiecrow) and a contact's mail with a Message-ID of its own.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
type Hoodiecrow = {
  listen: (port: number, cb: () => void) => void; close: (cb: () => void) => void;
  appendMessage: (mailbox: string, flags: string[], internaldate: Date, raw: string) => unknown;
};
export const hoodiecrow = require('hoodiecrow-imap') as (options: object) => Hoodiecrow;

export const mail = (id: string, subject: string) =>
  Buffer.from(`From: contact1@customer.example\r\nTo: support@desk.example\r\nSubject: ${subject}\r\nMessage-ID: <${id}@customer.example>\r\n\r\nThe dashboard export is slow.\r\n`);
