// The public status page: components and groups (named by the policy's status_page), incidents,
// hotfixes with postmortems, maintenance that starts and completes on its own, subscribers with
// double opt-in and per-component choices, opt-in notice lists (subprocessor changes), pages,
// feeds and the Statuspage v2 API. Notices go to the outbox; the email channel delivers them.
export { createIncident } from './create-incident.ts';
export { postUpdate } from './post-update.ts';
export { publishPostmortem } from './publish-postmortem.ts';
export { recordHotfix } from './record-hotfix.ts';
export { scheduleMaintenance } from './schedule-maintenance.ts';
export { rescheduleMaintenance } from './reschedule-maintenance.ts';
export { setComponentStatus } from './set-component-status.ts';
export { linkIncidentTicket } from './link-ticket.ts';
export { subscribe } from './subscribe.ts';
export {
  confirmSubscription, getSubscription, peekConfirmation, updateSubscription, unsubscribe, CONFIRM_LINK_GONE, SUBSCRIPTION_LINK_GONE, type Confirmation,
} from './subscription-links.ts';
export { getCustomerNoticeLink, setCustomerNotices, myCustomerNotices, setMyCustomerNotices, outageMailStopped, NOTICE_LINK_GONE, type CustomerNoticeLink } from './customer-notice-links.ts';
export { listSubscribers } from './list-subscribers.ts';
export { announceNotice } from './announce-notice.ts';
export { getEntry, listEntries } from './get-entry.ts';
export { runStatusSweep, type SweepRun } from './sweep.ts';
export { fanOutBatch, fanOutPending, DEFAULT_FANOUT_BATCH, type FanOutSettings } from './fan-out.ts';
export { overallStatus, maintenanceOnlyStatus, maintenanceOrder, uptimeDays, uptimeWindowStart, groupStatus, canMove } from './derive.ts';
export { statusPageOf, requireStatusPage, type StatusPageConfig } from './page-config.ts';
export { daysOutsideUsualWindow, usualWindowHint, usualWindowNote, type UsualWindowNote } from './usual-window.ts';
export { publicState, monthEntries, historyMonth, memo, UPTIME_DAYS, type PublicState } from './public-state.ts';
export { v2Body, V2_PATHS, statuspageTimeZone } from './statuspage-api.ts';
export { atomFeed, maintenanceCalendar, foldLine } from './feeds.ts';
export { renderIndex, renderIncident, renderHistory, renderMessage, renderManage, manageLinkText, statusAsset, SUBSCRIBE_AGAIN, type MessageForm, type PageLink } from './pages/render.ts';
export { CONFIRM_LINK_HOURS } from './tokens.ts';
export { pruneRateLimits, takeRateLimit, type WindowLimit } from './rate-limit.ts';
export { publicEntry } from './public-state.ts';
export { statusLabel, componentStatusLabel } from './notify.ts';
export * from './schemas.ts';
