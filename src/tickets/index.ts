// Tickets: the verbs every transport (API, email, jobs, CLI) calls, and the SLA sweep.
export { createTicket } from './create-ticket.ts';
export { guidanceOffer, refersToKnowledgeBase } from './kb-referral.ts';
export { askForGuidance, AskGuidanceInput, GUIDANCE_REASON } from './ask-guidance.ts';
export { readIntakeWithToken, type IntakeRead } from './intake-read.ts';
export { addReply } from './add-reply.ts';
export { addNote } from './add-note.ts';
export { recordUndeliveredMail, UNDELIVERED_KINDS } from './undelivered-mail.ts';
export { addressNow, resendMail, resendRefusal, type ResendInput, type Resent } from './resend-mail.ts';
export { listSideConversations, receiveSideReply, sendSideMessage, SideMessageInput, type SideReplyInput } from './side-conversations.ts';
export { checkCounterpart, sideConversationsOf, type SideConversation } from './side-conversation-rows.ts';
export {
  leaveSideConversation, LeaveSideConversationInput, setSideConversationPeople, SideConversationPeopleInput,
} from './side-conversation-people.ts';
export { deskLink } from './agent-notices.ts';
export {
  chatCustomer, chatCustomerJsonSql, chatOffer, chatsWaiting, chatsWaitingJsonSql, chatWindowStart, markChatPresence, contactsInChat, CHAT_HEARTBEAT_S,
  type ChatCustomer, type ChatOffer, type WaitingChat,
} from './chat.ts';
export { mailChatTranscripts } from './chat-transcript.ts';
export { regradeNotice } from './regrade-words.ts';
export { addFiles, checkFiles, listTicketFiles, getTicketFile, filesForMail, type TicketFile, type FileRef } from './files.ts';
export { fileRisk } from './file-risk.ts';
export { emitMailFilesAdded } from './webhook-events.ts';
export { MAX_DESCRIPTION_CHARS, MAX_FILES, MAX_FILE_BYTES, MAX_LINK_TITLE_CHARS, MAX_MESSAGE_CHARS, MAX_REASON_CHARS, MAX_SHORT_NOTE_CHARS, MAX_MAILED_BYTES, MAX_TOTAL_BYTES, OPEN_STATUSES, QUEUE_SORTS, RATINGS, REPLY_STATUSES, STATUS_NAMES, Tag, type FileInput } from './schemas.ts';
export { linkTicket } from './link-ticket.ts';
export { mergeTicket, type MergeResult } from './merge-ticket.ts';
export { ccsOf, copyFromMail, setTicketCcs, MAX_CCS, type Cc } from './ccs.ts';
export { changeStatus } from './change-status.ts';
export { reopenTicket } from './reopen-ticket.ts';
export { solveTicket, CUSTOMER_SOLVED } from './solve-ticket.ts';
export { updateTicket } from './update-ticket.ts';
export { bulkUpdateTickets, MAX_BULK_TICKETS, type BulkResult } from './bulk-update.ts';
export { getTicket, listTicketEvents } from './get-ticket.ts';
export { listTickets } from './list-tickets.ts';
export { countQueues, exportFacts, listQueue } from './list-queue.ts';
export { policyTakesKind, queueChannelKinds, unknownChannelMessage } from './queue-channels.ts';
export type { NextDue, QueueItem } from './list-queue.ts';
export { getIntake } from './get-intake.ts';
export { namedOnlyNotice } from './named-only.ts';
export { entitlement, gateReason } from './intake.ts';
export { simulateRequest } from './simulate-request.ts';
export { servedOnText, type Served } from './served-words.ts';
export type { Intake } from './get-intake.ts';
export { namedContactWords } from './held-words.ts';
export { arrivedWords, heldReasonRead } from './held-reason.ts';
export { endedSentence } from '../policy/index.ts';
export { countHeldRequests, getHeldRequest, listHeldRequests, reviewHeldRequest, getHeldRequestFile, ListHeldRequestsInput, ReviewHeldRequestInput } from './held-requests.ts';
export type { HeldRequest, HeldFile } from './held-requests.ts';
export { listMyHeldRequests, DISMISSED_SHOWN_DAYS, type MyHeldRequest } from './my-held-requests.ts';
export { escalateTicket, frontLineReach } from './escalate-ticket.ts';
export { escalationRequestsHeard, requestEscalation, takesEscalationRequests } from './request-escalation.ts';
export { escalationEventsOf, type EscalationEvent } from './escalation-events.ts';
export { markEscalationUnwarranted } from './mark-escalation-unwarranted.ts';
export type { UnwarrantedResult } from './mark-escalation-unwarranted.ts';
export { markQaVerified } from './mark-qa-verified.ts';
export { markFixReleased } from './mark-fix-released.ts';
export { setTicketCoverage } from './set-coverage.ts';
export { coverageTitle } from './coverage-words.ts';
export { reprojectBatch, REPROJECT_BATCH, type ReprojectCursor } from './reproject.ts';
export { closeSolvedTickets, closesAt, CLOSE_BATCH } from './close-solved.ts';
export { nudgeWaitingTickets, waitingDeadlines, waitingOf, waitingSolveReason, WAITING_BATCH, type WaitingDeadlines } from './waiting-on-customer.ts';
export { rateTicket, ratingOf, type Rating } from './rate-ticket.ts';
export { rateByLink, readRatingLink, RATING_LINK_DAYS, type RatingLink } from './rating-links.ts';
export { setTicketTags, tagsOf, MAX_TAGS } from './tags.ts';
export { listTags, retag, type TagUse } from './manage-tags.ts';
export { followTicket, followersOf, type Follower } from './followers.ts';
export { satisfaction, listRatings, type SatisfactionRow, type RatingRow } from './satisfaction.ts';
export { sweepSlaClocks, fireClockSignals, findDueClocks } from './sweep.ts';
export { breachCutoff, BREACH_HOLD_MINUTES } from './owed.ts';
export { sweepHandovers, fireHandover, findDueHandovers } from './handover.ts';
export { recomputeClocks, historyOf } from './recompute-clocks.ts';
export { slaAttainment, slaAttainmentByTag, SlaAttainmentInput, type TagAttainmentRow } from './sla-attainment.ts';
export { responseTimes, TIMED_METRICS, type ResponseTimeRow } from './response-times.ts';
export { listBreaches } from './list-breaches.ts';
export type { AttainmentRow } from './sla-attainment.ts';
export type { BreachRow } from './list-breaches.ts';
export {
  CreateTicketInput, ReplyInput, NoteInput, LinkInput, UpdateTicketInput, ListTicketsInput, TicketRefInput, CHANNELS, STATUSES,
  EscalateTicketInput, RequestEscalationInput, MarkUnwarrantedInput, MarkQaVerifiedInput, MarkFixReleasedInput, SetCoverageInput, ListQueueInput,
} from './schemas.ts';
export type { Classification, Coverage, TicketRow } from './store.ts';
export { ticketIdOfNumber } from './store.ts';
export type { TicketView, ClockView } from './view.ts';
export type { EventView } from './event-view.ts';
export { CONTACT_DATA_FIELDS, contactData } from './event-view.ts';
export { autoAssignTickets, AUTO_ASSIGN_BATCH, type AutoAssignSettings } from './auto-assign.ts';
export { digestOf, digestText, sendDailyDigests, DIGEST_HOUR, type Digest } from './daily-digest.ts';
export { agentActivity, type AgentActivityRow } from './agent-activity.ts';
export {
  logTime, LogTimeInput, timeSpentOn, timeSpentReport, type TimeCorrection, type TimeEntry, type TimeReportRow, type TimeSpent,
} from './time-spent.ts';
export { correctTimeEntry, CorrectTimeInput, mayChangeTime, removeTimeEntry, RemoveTimeInput } from './time-corrections.ts';
export {
  leaveTicket, markPresence, presenceJsonSql, presenceOn, presenceWindowStart, supportWriting, supportWritingSql, PRESENCE_HEARTBEAT_S, PRESENCE_WINDOW_S, type Presence,
} from './presence.ts';
export { listMyReminders, reminderOf, remindersOfAgent, sendDueReminders, setReminder, SetReminderInput, type Reminder } from './reminders.ts';
export {
  deleteSavedView, listSavedViews, MAX_SAVED_VIEWS, queueInputOf, QueueFilters, savedView, saveView, SaveViewInput, type SavedView,
} from './saved-views.ts';
export { ticketHasSla } from './sla-applies.ts';
export { answerNotes, outsideSlaType } from './answer-notes.ts';
export { etaOwed, statusNotificationOwed, STATUS_NOTIFICATION_STILL_OWED, type EtaOwed } from './eta-owed.ts';
export type { PageReason } from './after-hours.ts';
// What the portal's form says while support is closed (web/promised.ts closedNow), as a waiting request's acknowledgement says it.
export { resumption } from './after-hours.ts';
export { staffedHours } from './round-the-clock.ts';
export { afterHoursElsewhere, rulesThroughChannel } from './after-hours-rules.ts';
export { takenForLater, type TakenForLater } from './closed-channel-words.ts';
export { answeredNowText, resumesOutOfHoursText, ruleParagraphs } from './arrival-words.ts';
