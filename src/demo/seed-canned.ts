// The demo's canned responses: a few replies any support team sends often, with placeholders.
// They promise nothing the policy does not: no times, no outcomes; the policy speaks for those.
import { createCannedResponse } from '../canned/index.ts';
import type { Ctx } from '../platform/index.ts';

const DEMO_CANNED = [
  {
    title: 'Ask for logs',
    body: 'Hello {{requester.name}},\n\nThanks for reporting this. Could you send us the logs from around the time it happened, and the steps that lead to it? You can reply to this message with them attached.\n\n{{agent.name}}, {{vendor.name}} support',
  },
  {
    title: 'Logs received',
    body: 'Hello {{requester.name}},\n\nThanks, we have the logs for ticket #{{ticket.number}} and are looking into them. We will update you here.\n\n{{agent.name}}',
  },
  {
    title: 'Solved: reply to reopen',
    body: 'Hello {{requester.name}},\n\nWe believe "{{ticket.subject}}" is solved. If it is not, reply to this message and the ticket reopens.\n\n{{agent.name}}, {{vendor.name}} support',
  },
];

export async function seedCannedResponses({ ctx }: { ctx: Ctx }): Promise<void> {
  for (const input of DEMO_CANNED) await createCannedResponse({ ctx, input });
}
