// The policy file format, its values: ids, times of day, durations (the whole file: schema.ts).
import { z } from 'zod';

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const Id = z.string().regex(ID_PATTERN, 'must be lower-case letters, digits, "-" or "_"');

/** "09:00-18:00"; an end before the start means the interval runs overnight; "24:00" ends at midnight. */
export const TimeRange = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must look like "09:00-17:30"');
export const TimeRanges = z.union([TimeRange, z.array(TimeRange)]);

export const DAY_KEY_PATTERN = /^(daily|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)$/;
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-24');

/** "30 minutes", "24 Hours", "1 - 2 business days" (or "1 – 2", an en dash, as OpenBack prints one); the clock is its own field. Published as written. */
export const DURATION_PATTERN =
  /^(under\s+)?(\d+(\.\d+)?)(\s*[-–]\s*(\d+(\.\d+)?))?\s*(business\s+)?(minutes?|mins?|hours?|h|days?|weeks?)$/i;
export const DurationText = z
  .string()
  .regex(/^\s*[^-\s]/, { message: 'must not be negative', abort: true })
  .regex(DURATION_PATTERN, 'must be a duration like "30 minutes", "12 business hours" or "1 - 2 business days"');
