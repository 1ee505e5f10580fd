// The policy file format, when support is given and how it is reached: calendars (hours,
// holidays) and channels (the whole file: schema.ts).
import { z } from 'zod';
import { DAY_KEY_PATTERN, Id, IsoDate, TimeRanges } from './schema-values.ts';

export const HolidayDate = z.strictObject({
  date: IsoDate,
  name: z.string().min(1),
  closed: TimeRanges.optional().describe('closed only during these hours (a partial-day closure); the whole day if absent'),
});
export const YearlyHoliday = z.strictObject({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  name: z.string().min(1),
  closed: TimeRanges.optional(),
});

export const Calendar = z.strictObject({
  id: Id,
  name: z.string().min(1).describe('published name of these hours, in the vendor\'s words'),
  time_zone: z
    .string()
    .describe('IANA time zone ("Europe/London", "Etc/GMT+6") or a fixed UTC offset ("-06:00") where the policy states one'),
  time_zone_label: z
    .string()
    .min(1)
    .optional()
    .describe('the vendor\'s own name for the zone ("EST", "GMT-6"), published with the hours and times in it; an IANA time_zone follows it in brackets, a fixed offset does not (the label states it)'),
  hours: z
    .record(z.string().regex(DAY_KEY_PATTERN, 'must be a day ("mon"), a day range ("mon-fri") or "daily"'), TimeRanges)
    .describe('weekly open intervals, by day or day range'),
  holidays: z
    .strictObject({
      regions: z
        .array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a region code like "US" or "GB-ENG"'))
        .optional()
        .describe('public holidays of these regions (date-holidays codes), observed and substitute days included'),
      observed_only: z
        .boolean()
        .optional()
        .describe('close only the day each regional holiday is observed: when the data gives a substitute day, the holiday\'s own date stays open'),
      except: z.array(z.string()).optional().describe('names of regional holidays on which support stays open (their substitute days too)'),
      whole_nights: z
        .boolean()
        .optional()
        .describe(
          'a holiday closes the whole night that starts on it, past midnight too (OpenBack\'s "from 6pm to 9am" on a day it is "closed": ' +
            'no shift starts that evening, so none resumes at 00:00 the next day); without it a holiday closes its own date only',
        ),
      published: z
        .boolean()
        .optional()
        .describe('list the days closed on the published page (the default); false where the vendor does not name its holidays ("certain observed UK or US holidays"): its own words, in holidays.note, say it instead'),
      note: z
        .string()
        .min(1)
        .optional()
        .describe(
          'the vendor\'s own words on the days it closes (OpenBack: "In addition, OpenBack is closed on certain observed UK or US holidays."), ' +
            'published after the hours: once, after every calendar, where all the published calendars say the same (so it does not read as one plan\'s), else under its calendar',
        ),
      dates: z.array(HolidayDate).optional(),
      yearly: z.array(YearlyHoliday).optional(),
    })
    .optional(),
  hours_word: z
    .string()
    .min(1)
    .optional()
    .describe('the vendor\'s own word for these hours in a sentence ("regular business hours": OpenKey), as a receipt says "outside our ..."; "support hours" without one'),
  note: z.string().optional().describe('published with the hours, in the vendor\'s words'),
  publish_hours: z
    .boolean()
    .optional()
    .describe('false when the vendor states only the name of these hours: the days and times enforced are a reading, not published; the name is published where the policy uses it, not under the support hours'),
});

export const CHANNEL_KINDS = ['email', 'phone', 'chat', 'web', 'api'] as const;

export const Channel = z.strictObject({
  id: Id,
  kind: z.enum(CHANNEL_KINDS),
  name: z.string().min(1),
  address: z.string().optional().describe('e-mail address, phone number or URL'),
  reach: z
    .string()
    .min(1)
    .optional()
    .describe(
      'the vendor\'s own sentence on how to reach a channel it gives no address for (OpenMethods\' Customer Care: "To learn more about ' +
        'OpenMethods\' Customer Care and support, click here.", whose link the seed does not give): published after the table of channels ' +
        'in place of the channel\'s row, which would have no address and no hours stated: not with `address` (the row would be published, this never), and with publish_hours: false',
    ),
  description: z.string().optional(),
  publish_description: z
    .boolean()
    .optional()
    .describe('false when the vendor wrote the description elsewhere, not with the channel (OpenBack\'s out-of-hours email sentence is in its Support Hours, its contact table giving email only its address): kept for what the desk tells customers about the channel, left out of the contact table; it must be said in a published calendar note or a prose section body'),
  publish_hours: z
    .union([z.boolean(), z.array(Id)])
    .optional()
    .describe('false when the vendor states no hours for this channel: when the plans take it (plans[].channels) is a reading, enforced but not published; a list of plans when it states them for those plans only (OPS-COM: Standard Plus email)'),
  offered_instead: z
    .boolean()
    .optional()
    .describe(
      'false for a channel the vendor lists for customers to read, not to send a request through (OpenBack\'s Documentation): published with the others, ' +
        'never offered in place of a channel a request was refused on or that is closed, and no request comes in through it (a request "by web" is ' +
        'refused; the portal files a case through the plan\'s web channel that takes requests, else its email one: policy/portal-channel.ts)',
    ),
});
