// SLA rules: which targets apply to a request, and where their clocks are due.
export { applicableTargets, arrivalTriageTarget, channelChoices, findChannel } from './applicable.ts';
export type { RequestFacts, Applicable } from './applicable.ts';
export { projectTarget } from './project.ts';
export type { Projection } from './project.ts';
export { simulateSla } from './simulate.ts';
export type { Simulation, SimulatedTarget, SimulationRequest } from './simulate.ts';
export { isoUtc, localSpanEnds, localSpanText, localText, spanText, withoutUtc, withReaderInstants, withReaderSpan, withReaderTimes } from './format.ts';
export { AFTER_HOURS_METRICS, projectClocks } from './clocks.ts';
export type { ClockProjection, ClockState, TicketFacts } from './clocks.ts';
export type { TicketHistoryEvent } from './history.ts';
