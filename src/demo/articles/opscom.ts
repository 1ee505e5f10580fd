// Demo knowledge base for OPS-COM (parking and permit management): the public wiki's articles
// and FAQs, release notes (the last release and the upcoming one, dated from the clock), and
// the agents' notes the policy keeps internal.
import type { CreateArticleInput } from '../../kb/index.ts';

const monthYear = (date: Temporal.PlainDate) => date.toLocaleString('en-GB', { month: 'long', year: 'numeric' });

export function opscomArticles(now: Temporal.Instant): CreateArticleInput[] {
  const today = now.toZonedDateTimeISO('UTC').toPlainDate();
  const released = today.subtract({ days: 20 });
  const planned = today.add({ days: 24 });
  return [
    {
      slug: 'launching-a-support-ticket',
      title: 'Launching a support ticket',
      kind: 'faq',
      visibility: 'public',
      tags: ['support', 'tickets'],
      // The seed's own sentences ("What after-hours support do you provide?", "What hours is telephone
      // support available?"), no times (the policy page gives them); a critical ticket is marked by
      // the case form's questions (the policy's intake), which decide its severity.
      bodyMarkdown: `Open a ticket from the Help Desk: sign in, choose **Open a case**, describe what happened and what you expected, and attach screenshots where they help.

After hours support is limited to critical issues. Critical is defined as system outages or issues that threaten immediate work stoppage. This support is provided by email and is staffed by on-call personnel.

For a critical issue, answer the case form's questions **Is the system down?** and **Does the issue threaten immediate work stoppage?**: a yes to either marks the ticket Critical.

Telephone Support is available to our Premium customers Mon-Fri 9-5 EST. Standard Plus support clients have email support only during the same hours.
`,
    },
    {
      slug: 'issuing-parking-permits',
      title: 'Issuing parking permits',
      visibility: 'public',
      tags: ['permits', 'admin'],
      bodyMarkdown: `1. Open **Permits → Issue permit**.
2. Find the customer by name, e-mail or plate, or create them.
3. Choose the permit type and lot, and the start and end dates. The price comes from the permit type.
4. Take payment or mark it as invoiced, then **Issue**.

The customer receives the permit by e-mail and sees it in their account. Virtual permits are tied to the plate, so there is nothing to hang on the mirror.
`,
    },
    {
      slug: 'processing-parking-violations',
      title: 'Processing parking violations',
      visibility: 'public',
      tags: ['enforcement', 'violations'],
      bodyMarkdown: `Officers record violations from the enforcement app; office staff manage them under **Violations**.

- **Search** by plate, violation number or date.
- **Void** a violation issued in error, with a reason (kept on the record).
- **Appeals** lists violations under appeal with the customer's statement and photos; decide each with a note to the customer.

Paid and voided violations stay searchable for reporting.
`,
    },
    {
      slug: 'using-your-preview-environment',
      title: 'Using your preview environment',
      kind: 'faq',
      visibility: 'public',
      tags: ['training', 'preview'],
      // The seed's words: a preview environment "to use for testing and training", and "the self-guided
      // training agenda is also helpful for learning the system". It never says a release reaches the
      // preview before a client's live system ("rollouts will be transparent to clients"), so no
      // article says so.
      bodyMarkdown: `Each client gets a preview environment to use for testing and training. The preview spaces are secured in the same manner as our production/live systems, though they exist in a testing environment.

Use it to try a new permit type or rehearse a process with new staff. The self-guided training agenda is also helpful for learning the system.
`,
    },
    {
      slug: `release-notes-${released.toString().slice(0, 7)}`,
      title: `Release notes: ${monthYear(released)}`,
      kind: 'release_note',
      visibility: 'public',
      tags: ['release-notes'],
      releasedAt: released.toZonedDateTime({ timeZone: 'UTC', plainTime: '13:00' }).toInstant().toString(),
      bodyMarkdown: `Released on ${released.toString()}.

## New

- **Permit waitlists:** when a lot is full, customers can join its waitlist and are offered a permit when one frees up.
- **Bulk void:** void several violations at once from the search results, with one reason.

## Fixed

- Renewal e-mails showed the old expiry date for permits renewed on their last day.
- The violations export missed the officer's badge number.
`,
    },
    {
      slug: `upcoming-release-${planned.toString().slice(0, 7)}`,
      title: `Upcoming release: ${monthYear(planned)}`,
      kind: 'release_note',
      visibility: 'public',
      tags: ['release-notes', 'upcoming'],
      plannedFor: planned.toString(),
      bodyMarkdown: `Planned for ${planned.toString()}. This page is updated as items are added.

## Planned

- **Lot occupancy dashboard:** live counts per lot from gate and sensor data.
- **Appeal decisions by e-mail template:** choose a template when deciding an appeal.
- Faster plate search on large violation histories.
`,
    },
    {
      slug: 'never-link-sentry-issues-to-tickets',
      title: 'Never link a Sentry issue to a client ticket',
      visibility: 'internal',
      tags: ['agents', 'escalation'],
      bodyMarkdown: `For agents. If we link a Sentry bug to the OPS-COM support ticket, the client will see the comments we make in Sentry.

Never link a Sentry issue directly to a client's ticket. Instead, launch it as a ticket and link it as a related task through JIRA. Accord refuses Sentry links on tickets.
`,
    },
    {
      slug: 'escalating-a-bug-to-development',
      title: 'Escalating a bug to development',
      visibility: 'internal',
      tags: ['agents', 'escalation', 'jira'],
      bodyMarkdown: `For agents. Escalate when you have determined, through working with the customer and testing, that an item is a bug.

1. The escalation manager assesses the bug's severity and the impact it has on the client and enters the issue into JIRA.
2. Link the JIRA issue to the Help Desk conversation.
3. Advise the client of the estimated time to resolution.
4. Once development has addressed it, Quality Assurance tests it.
5. Tell the client on the original ticket that the issue is addressed and available.
`,
    },
  ];
}
