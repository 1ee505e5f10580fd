// Tickets: the verbs every transport (API, email, jobs, CLI) calls, and the SLA sweep.
export { createTicket } from './create-ticket.ts';
export { readIntakeWithToken, type IntakeRead } from './intake-read.ts';
export { addReply } from './add-reply.ts';
export { addNote } from './add-note.ts';
export { addFiles, checkFiles, listTicketFiles, getTicketFile, filesForMail, type TicketFile, type FileRef } from './files.ts';
export { emitMailFilesAdded } from './webhook-events.ts';
export { MAX_FILES, MAX_FILE_BYTES, MAX_TOTAL_BYTES, RATINGS, type FileInput } from './schemas.ts';
export { linkTicket } from './link-ticket.ts';
export { mergeTicket, type MergeResult } from './merge-ticket.ts';
export { ccsOf, copyFromMail, setTicketCcs, MAX_CCS, type Cc } from './ccs.ts';
export { changeStatus } from './change-status.ts';
export { reopenTicket } from './reopen-ticket.ts';
export { updateTicket } from './update-ticket.ts';
export { bulkUpdateTickets, MAX_BULK_TICKETS, type BulkResult } from './bulk-update.ts';
export { getTicket, listTicketEvents } from './get-ticket.ts';
export { listTickets } from './list-tickets.ts';
export { listQueue } from './list-queue.ts';
export type { QueueItem } from './list-queue.ts';
export { getIntake } from './get-intake.ts';
export type { Intake } from './get-intake.ts';
export { listHeldRequests, reviewHeldRequest, getHeldRequestFile, ListHeldRequestsInput, ReviewHeldRequestInput } from './held-requests.ts';
export type { HeldRequest, HeldFile } from './held-requests.ts';
export { escalateTicket } from './escalate-ticket.ts';
export { requestEscalation } from './request-escalation.ts';
export { markEscalationUnwarranted } from './mark-escalation-unwarranted.ts';
export type { UnwarrantedResult } from './mark-escalation-unwarranted.ts';
export { markQaVerified } from './mark-qa-verified.ts';
export { markFixReleased } from './mark-fix-released.ts';
export { setTicketCoverage } from './set-coverage.ts';
export { reprojectBatch, REPROJECT_BATCH, type ReprojectCursor } from './reproject.ts';
export { closeSolvedTickets, closesAt, CLOSE_BATCH } from './close-solved.ts';
export { rateTicket, ratingOf, type Rating } from './rate-ticket.ts';
export { satisfaction, listRatings, type SatisfactionRow, type RatingRow } from './satisfaction.ts';
export { sweepSlaClocks, fireClockSignals, findDueClocks } from './sweep.ts';
export { sweepHandovers, fireHandover, findDueHandovers } from './handover.ts';
export { recomputeClocks, historyOf } from './recompute-clocks.ts';
export { slaAttainment, SlaAttainmentInput } from './sla-attainment.ts';
export { listBreaches } from './list-breaches.ts';
export type { AttainmentRow } from './sla-attainment.ts';
export type { BreachRow } from './list-breaches.ts';
export {
  CreateTicketInput, ReplyInput, NoteInput, LinkInput, UpdateTicketInput, ListTicketsInput, TicketRefInput, CHANNELS, STATUSES,
  EscalateTicketInput, RequestEscalationInput, MarkUnwarrantedInput, MarkQaVerifiedInput, MarkFixReleasedInput, SetCoverageInput, ListQueueInput,
} from './schemas.ts';
export type { Classification, Coverage } from './store.ts';
export type { TicketView, ClockView } from './view.ts';
export type { EventView } from './event-view.ts';
export { CONTACT_DATA_FIELDS } from './event-view.ts';
