// The times in a mail to one person: in their own time zone (their profile's, the one the portal
// shows them times in: customers/profile.ts), named as the portal names it (sla localText); else
// in the zone of the ticket's plan's hours, which its deadlines are kept in. A time the policy
// states in the vendor's zone (its support hours open "9:00 AM EST") stays in the vendor's words,
// with the reader's own time beside it: the published promise is the vendor's.
import { localText } from '../sla/index.ts';

/** A time worked out for the reader (a due time, an ETA): in their zone, else the plan's. */
export function readerTime(ms: number, readerZone: string | null | undefined, planZone: string): string {
  return localText(ms, readerZone ?? planZone);
}

/** " (Mon 7 Dec 2026 15:00 CET your time)" after a time in the vendor's zone, for a reader in another; else nothing. */
export function yourTime(ms: number, vendorZone: string, readerZone: string | null | undefined): string {
  if (!readerZone || readerZone === vendorZone) return '';
  const theirs = localText(ms, readerZone);
  return theirs === localText(ms, vendorZone) ? '' : ` (${theirs} your time)`;
}

/** A time in the vendor's zone as the policy states its hours, the reader's own beside it. */
export function vendorTime(ms: number, vendorZone: string, readerZone: string | null | undefined): string {
  return `${localText(ms, vendorZone)}${yourTime(ms, vendorZone, readerZone)}`;
}
