// Demo knowledge base for OpenMethods (contact-centre integrations: the media bar, PopFlow,
// screen pops). The status page articles follow the published policy's own steps.
import type { CreateArticleInput } from '../../kb/index.ts';

export function openmethodsArticles(): CreateArticleInput[] {
  return [
    {
      slug: 'subscribing-to-status-page-updates',
      title: 'Subscribing to status page updates',
      visibility: 'public',
      tags: ['status-page', 'notifications'],
      bodyMarkdown: `You can subscribe to email updates and receive a notification whenever maintenance is scheduled, initiated, and completed, and also when an incident is reported and resolved.

1. Go to status.openmethods.com.
2. Click **Subscribe to updates**.
3. Enter your email address.
4. Click **Subscribe via email**.

If you would rather not receive email, status.openmethods.com shows a chronological list of maintenance and incidents, and any planned maintenance windows.
`,
    },
    {
      slug: 'status-page-notification-types',
      title: 'What the status page notifications mean',
      kind: 'faq',
      visibility: 'public',
      tags: ['status-page'],
      bodyMarkdown: `- **Incident:** a service-impacting event. Communication is posted to the status page.
- **Hotfix:** a fix applied without downtime, documented as a **postmortem** event on the status page.
- **Maintenance:** a scheduled window, as the result of an incident or a standard code elevation, documented in the maintenance section.

Subscribers are notified of each; everyone can see current and past events on the page.
`,
    },
    {
      slug: 'agents-cannot-log-in-to-the-media-bar',
      title: 'Agents cannot log in to the media bar',
      visibility: 'public',
      tags: ['media-bar', 'troubleshooting', 'login'],
      bodyMarkdown: `If one or more agents cannot log in to the media bar:

1. **Check the status page** for a current incident or maintenance window.
2. **One agent only?** Have them sign out of the CRM, clear the browser cache, and sign in again. Check their telephony credentials have not expired.
3. **Several agents?** Check whether they share a browser version, a site or a network: a proxy or firewall change often affects a group.
4. **Check the connector settings** in the admin console: the telephony server address and the agent's extension.

When you open a ticket, say how many agents cannot log in and how many agents you have in total: the share of agents affected is how the severity of a login problem is classified.
`,
    },
    {
      slug: 'screen-pops-not-executing',
      title: 'Screen pops or interaction flows are not executing',
      visibility: 'public',
      tags: ['popflow', 'screen-pop', 'troubleshooting'],
      bodyMarkdown: `When an interaction arrives but no screen pop appears:

- Confirm the media bar shows the interaction. If it does not, the problem is upstream: see [Agents cannot log in to the media bar](agents-cannot-log-in-to-the-media-bar).
- Open the flow in PopFlow Studio and check it is **published** and assigned to the queue the interaction came from.
- Use the flow's **Test** panel with the interaction's data (ANI, DNIS, attached data) to see which step stops.
- A CRM search step that finds no record pops the "new record" page if the flow says so; otherwise nothing appears.

When you open a ticket, include the share of interactions affected, the flow name and an example interaction time.
`,
    },
    {
      slug: 'subprocessor-change-notifications',
      title: 'Hearing about new or replacement subprocessors',
      kind: 'faq',
      visibility: 'public',
      tags: ['data-processing', 'compliance'],
      bodyMarkdown: `Please complete the OpenMethods customer notification form to hear about new or replacement subprocessors. Only customers who subscribe will be notified of changes. Our Data Processing Addendum has further information.
`,
    },
    {
      slug: 'regrading-a-ticket',
      title: 'Regrading a ticket',
      visibility: 'internal',
      tags: ['agents', 'severity'],
      bodyMarkdown: `For agents. OpenMethods upgrades and downgrades the severity level of incidents when a change in the disposition of the incident warrants it. Depending on the client's business continuity plan, a severity 1 ticket may be re-evaluated and regraded to severity 2.

To regrade in Accord, change the ticket's severity and give the reason: the customer sees the reason on the ticket, and the clocks follow the new severity.
`,
    },
  ];
}
