// A new contact is given the status page's URL, when the policy promises it at onboarding
// (OpenMethods: "When onboarded, you will be provided with the URL to the status page so that
// you can have visibility on incidents, maintenance and ultimately service availability";
// status_page.onboarding_notice). Onboarding, in Accord, is a person being added to their
// organization; the mail is queued in the same transaction, so it exists if and only if they do.
import { queueMessage } from '../outbox/index.ts';
import type { Db } from '../platform/db.ts';
import { activePolicy } from '../policy-versions/index.ts';
import type { Contact } from './schemas.ts';

export async function queueOnboardingNotice(tx: Db, contact: Contact, at: Temporal.Instant): Promise<void> {
  const { rows } = await tx.query('SELECT 1 FROM policy_versions WHERE activated_at IS NOT NULL LIMIT 1');
  if (rows.length === 0) return;
  const { model } = await activePolicy(tx);
  const page = model.file.status_page;
  if (!page?.enabled || !page.onboarding_notice || !page.url) return;
  const vendor = model.file.vendor.name;
  const title = page.title ?? `${vendor} status page`;
  await queueMessage(tx, {
    kind: 'onboarding_notice', recipient: contact.email, createdAt: at,
    subject: `${title}: ${page.url}`,
    body: [
      `Hello ${contact.name},`,
      `Welcome to ${vendor} support. As promised when you are onboarded, here is the URL of the ${title}, where you can see incidents, maintenance and service availability:`,
      page.url,
    ].join('\n\n'),
    payload: { contact_id: contact.id, automatic: true },
    dedupeKey: `onboarding:${contact.id}`,
  });
}
