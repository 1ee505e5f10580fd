// Business calendars and the business-time engine: pure, no I/O, no clock reads.
export { CLOCK_24X7, calendarClock, isOpen, nextOpen, nextClose, businessTimeBetween, addBusinessTime, addBusinessDays, closedPeriods, holidaysBetween } from './business-time.ts';
export type { BusinessClock, Interval } from './business-time.ts';
export type { CalendarModel } from './compile.ts';
export { localDay } from './compile.ts';
export { parseTimeRange, formatMinutes, buildWeek, daysOfKey } from './hours.ts';
export type { MinuteRange, WeeklyEntry, Overlap } from './hours.ts';
export { isKnownRegion, holidaysOfYear } from './holidays.ts';
export type { HolidaySource } from './holidays.ts';
export { dayNumber, civilDate, isoDate, parseIsoDate, weekdayOf, DAY_NAMES, DAY_LABELS } from './civil.ts';
