// Demo knowledge base for OfficeSpace (workplace management: floor plans, desk booking). The seed
// promises Web Support where each customer can "access step by step tutorials and learn about the newest
// feature releases" (the tutorials below, and the last release's notes, dated from the clock), and bug
// fixes "to bring the Service into substantial conformance with the then current user guide, a copy of
// which is available support.officespacesoftware.com" (the user guide, a public article).
import type { CreateArticleInput } from '../../kb/index.ts';

const monthYear = (date: Temporal.PlainDate) => date.toLocaleString('en-GB', { month: 'long', year: 'numeric' });

export function officespaceArticles(now: Temporal.Instant): CreateArticleInput[] {
  const released = now.toZonedDateTimeISO('UTC').toPlainDate().subtract({ days: 12 });
  return [
    {
      slug: 'user-guide',
      title: 'OfficeSpace user guide',
      visibility: 'public',
      tags: ['user-guide'],
      bodyMarkdown: `The current user guide to OfficeSpace, by task. Each part is a step by step tutorial.

## For administrators

- [Updating a floor plan](/help/articles/updating-a-floor-plan)
- [Importing employees from a CSV file](/help/articles/importing-employees-from-a-csv-file)

## For employees

- [Booking a desk](/help/articles/booking-a-desk)

What changed in each release is in the [release notes](/help/releases).
`,
    },
    {
      slug: `release-notes-${released.toString().slice(0, 7)}`,
      title: `Release notes: ${monthYear(released)}`,
      kind: 'release_note',
      visibility: 'public',
      tags: ['release-notes'],
      releasedAt: released.toZonedDateTime({ timeZone: 'UTC', plainTime: '15:00' }).toInstant().toString(),
      bodyMarkdown: `Released on ${released.toString()}.

## New

- **Neighborhoods on the booking map:** desks can be grouped by team, and employees can filter the map to their team's neighborhood.
- **Recurring bookings:** book the same desk on the same weekdays in one step.

## Fixed

- A replaced floor plan kept the old plan's scale until the page was reloaded.
- The employee import rejected e-mail addresses with a plus sign.
`,
    },
    {
      slug: 'updating-a-floor-plan',
      title: 'Updating a floor plan',
      visibility: 'public',
      tags: ['floor-plans', 'admin'],
      bodyMarkdown: `When a floor changes, replace its plan without losing the seats already placed.

1. Open **Admin → Floors** and choose the floor.
2. Select **Replace floor plan** and upload the new drawing (PDF, PNG or DWG export).
3. Align the new plan with the old one using two reference points, such as columns or stair cores.
4. Review the seats: any that fall outside a room or wall are listed so you can move them.
5. **Publish** when ready. Until then, people keep seeing the current plan.

Updating of floor plan layouts is part of Technical Support: open a ticket with the new drawings attached.
`,
    },
    {
      slug: 'booking-a-desk',
      title: 'Booking a desk',
      visibility: 'public',
      tags: ['booking', 'employees'],
      bodyMarkdown: `1. Open OfficeSpace on the web or in the mobile app and choose **Book**.
2. Pick the day and the floor. Available desks are shown in green.
3. Select a desk to see its amenities (monitor, standing desk) and tap **Book**.

Your bookings are under **My bookings**, where you can change or cancel them. Check in on arrival if your office uses check-in; unclaimed desks are released for others.
`,
    },
    {
      slug: 'importing-employees-from-a-csv-file',
      title: 'Importing employees from a CSV file',
      visibility: 'public',
      tags: ['admin', 'import'],
      bodyMarkdown: `1. Download the template from **Admin → People → Import**.
2. Fill in one row per person: name, e-mail, department and, if seated, the seat's label.
3. Upload the file. OfficeSpace shows what will be added, changed and left alone before anything is saved.
4. Confirm the import.

Most companies keep people in sync from their HR system or directory instead; see the integrations page in Admin.
`,
    },
    {
      slug: 'how-do-i-contact-officespace-support',
      title: 'How do I contact OfficeSpace Support?',
      kind: 'faq',
      visibility: 'public',
      tags: ['support'],
      bodyMarkdown: `- **Phone Support:** +1-646-201-9664
- **Email Support:** support@officespacesoftware.com
- **Web Support:** support.officespacesoftware.com

Support Hours: Monday through Friday, from 5:00 AM to 10:00 PM Central Standard Time (GMT-6) time, excluding New Year’s Day and Christmas. The support levels and their response goals are set out in our support policy.
`,
    },
    {
      slug: 'scheduled-outages',
      title: 'When are scheduled outages?',
      kind: 'faq',
      visibility: 'public',
      tags: ['maintenance'],
      // The seed's words ("Scheduled Outages: are usually scheduled during weekends and customers are
      // usually notified via email and/or at support.officespacesoftware.com"), read as the policy's
      // own section reads them (examples/policies/officespace.yaml): its hedges kept, and no full stop
      // after the address, which the seed ends with and a full stop would seem part of.
      bodyMarkdown: `Scheduled Outages are usually scheduled during weekends and customers are usually notified via email and/or at support.officespacesoftware.com
`,
    },
    {
      slug: 'working-a-technical-support-ticket',
      title: 'Working a Technical Support ticket',
      visibility: 'internal',
      tags: ['agents', 'process'],
      bodyMarkdown: `For agents. The resolution process, as published:

1. Trouble Ticket opened
2. Assign engineer to determine and correct the error
3. Periodic reports on the status of the correction
4. Initiate work to correct the error

Post each periodic report as a public reply on the ticket, so the customer sees it on the ticket's timeline.
`,
    },
  ];
}
