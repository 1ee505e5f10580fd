// The email channel: the outbox delivered over SMTP (or captured in the demo), and mail taken in
// by a built-in SMTP listener or IMAP polling, stored raw first, then matched to tickets with
// loop, bounce and forgery rules. docs/adr/0007-email-channel.md.
export { emailSettingsFor, DEFAULT_MAX_MESSAGE_BYTES } from './settings.ts';
export { requestTypeAddresses, requestTypeOfMail } from './request-type-of-mail.ts';
export type { EmailSettings } from './settings.ts';
export { composeMail, isAutomatic } from './compose.ts';
export { escapeHtml, htmlOf } from './templates.ts';
export type { ComposedMail, OutboxRow } from './compose.ts';
export { outboxMessageId, ticketRootId, subjectTicketNumber, threadIds } from './headers.ts';
export { smtpSender, captureSender, headerPairs } from './sender.ts';
export type { MailSender, SendOutcome } from './sender.ts';
export { deliverDueMail, claimDueMail, nextAttemptAt, RETRY_DELAYS, MAX_ATTEMPTS, CLAIM } from './deliver.ts';
export type { MailDeliverySettings, MailRun } from './deliver.ts';
export { parseEmail, sanitizeEmailHtml } from './parse-message.ts';
export type { ParsedEmail } from './parse-message.ts';
export { classifyInbound } from './classify.ts';
export type { Classification } from './classify.ts';
export { replyText } from './reply-text.ts';
export { forwardingAddress, myForwardingAddress, renewMyForwardingAddress } from './forward.ts';
export { storeInbound, storeRefused } from './store-inbound.ts';
export { processInbound, processWaitingInbound } from './process-inbound.ts';
export type { InboundResult, InboundStatus } from './process-inbound.ts';
export { startSmtpListener, acceptsRecipient } from './smtp-listener.ts';
export type { SmtpListener } from './smtp-listener.ts';
export { pollImap, imapOptionsOf, imapMailboxKey } from './imap-poller.ts';
export type { ImapSettings } from './imap-poller.ts';
export {
  listInboundMessages, getInboundMessage, readInboundMessage, retryInboundMessage, dismissInboundMessage, takeIntoSideConversation, blockSenderOf, BlockSenderOfInput,
} from './inbound-admin.ts';
export { blockSender, listBlockedSenders, unblockSender, BlockSenderInput, MAX_BLOCKED_SENDERS, type BlockedSender } from './blocked-senders.ts';
export { ListInboundInput, InboundRefInput, INBOUND_STATUSES } from './schemas.ts';
export type { InboundMessage, InboundReading, InboundSummary } from './schemas.ts';
export { listCapturedMail } from './captured-mail.ts';
export type { CapturedMail } from './captured-mail.ts';
export { listTicketAttachments, getTicketAttachment } from './ticket-attachments.ts';
export type { TicketAttachment } from './ticket-attachments.ts';
export { listTicketMail, MAIL_KIND_NAMES, TicketMailInput } from './ticket-mail.ts';
export type { TicketMail } from './ticket-mail.ts';
export { whyNot } from './copied-not-added.ts';
