// Tickets: the verbs every transport (API, email, jobs, CLI) calls, and the SLA sweep.
export { createTicket } from './create-ticket.ts';
export { addReply } from './add-reply.ts';
export { addNote } from './add-note.ts';
export { linkTicket } from './link-ticket.ts';
export { changeStatus } from './change-status.ts';
export { reopenTicket } from './reopen-ticket.ts';
export { updateTicket } from './update-ticket.ts';
export { getTicket, listTicketEvents } from './get-ticket.ts';
export { listTickets } from './list-tickets.ts';
export { reprojectOpenTickets } from './reproject.ts';
export { sweepSlaClocks, fireClockSignals, findDueClocks } from './sweep.ts';
export { recomputeClocks, historyOf } from './recompute-clocks.ts';
export { CreateTicketInput, ReplyInput, NoteInput, LinkInput, UpdateTicketInput, ListTicketsInput, TicketRefInput, CHANNELS, STATUSES } from './schemas.ts';
export type { TicketView, ClockView } from './view.ts';
export type { EventView } from './event-view.ts';
export { CONTACT_DATA_FIELDS } from './event-view.ts';
