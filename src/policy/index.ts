// The policy file: schema, loading with positioned problems, the runtime model, classification.
export { Policy, METRICS, TICKET_STATUSES, CHANNEL_KINDS } from './schema.ts';
export type { PolicyFile, PlanSpec, SeveritySpec, CalendarSpec, MetricId, TicketStatus, TargetSpecT } from './schema.ts';
export { loadPolicySource, formatProblem, formatPath, lineOfPath, pathWords } from './load.ts';
export type { LoadResult, PolicyProblem } from './load.ts';
export { loadPolicyFile } from './load-file.ts';
export { afterHoursChannels, buildPolicy, calendarModel, severityTargets, resolveTarget, clockOf } from './model.ts';
export { responsibilitiesSentence } from './contacts-words.ts';
export { caseTargets, hedgesOf, type Hedge } from './hedges.ts';
export { hoursWord, listedSeverities, planName, planNamePublished, possessive, severitiesLabel, severityCode, severityLabel, severityName, severityPhrase, severityPublished, severityText, METRIC_NAMES, STATUS_NAMES } from './names.ts';
export type { PolicyModel, Target } from './model.ts';
export { parseDuration, formatDuration } from './duration.ts';
export type { Duration } from './duration.ts';
export { classifySeverity, ruleHolds } from './classify.ts';
export { supportReductions, type Reduction } from './reductions.ts';
export { policyJsonSchema } from './json-schema.ts';
export { hoursText, remediationText, renderPolicy, targetCell, targetLabel, zoneText } from './render/index.ts';
export { forbiddenLink, forbiddenLinksInText, linkHost } from './links.ts';
export type { ForbiddenLink, ForbiddenLinkInText } from './links.ts';
