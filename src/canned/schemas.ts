// Input schemas and output shape of canned responses: replies a support team writes once and
// sends often ("We have received your logs", "Known issue, fix in the next release"). A schema
// and its type share one name.
import { z } from 'zod';
import { PageInput } from '../platform/pagination.ts';
import { MAX_TAGS, REPLY_STATUSES, Tag } from '../tickets/index.ts';
import { unknownPlaceholders, PLACEHOLDERS } from './placeholders.ts';

export const LIMITS = { title: 200, body: 20_000, query: 200 } as const;

const noNul = (v: string) => !v.includes('\u0000');
const Title = z.string().trim().min(1, 'must not be empty').max(LIMITS.title).refine(noNul, 'must not contain NUL characters');
const Body = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.body)
  .refine((v) => v.trim() !== '', 'must not be empty')
  .refine(noNul, 'must not contain NUL characters')
  .superRefine((v, issue) => {
    const unknown = unknownPlaceholders(v);
    if (unknown.length > 0) {
      issue.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')}: use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });
    }
  });

/** What becomes of the ticket when the response is sent: the status it takes (null: as it is), tags it adds. */
const Status = z.enum(REPLY_STATUSES).nullable();
const Tags = z.array(Tag).max(MAX_TAGS, `at most ${MAX_TAGS} tags`);
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** `private`: the acting agent's own (any agent); otherwise the team's (managers and admins). */
export const CreateCannedResponseInput = z.strictObject({ title: Title, body: Body, private: z.boolean().default(false), status: Status.default(null), tags: Tags.default([]) });
export type CreateCannedResponseInput = z.input<typeof CreateCannedResponseInput>;

export const CannedResponseRef = z.strictObject({ cannedResponseId: z.string().max(100) });
export type CannedResponseRef = z.input<typeof CannedResponseRef>;

export const UpdateCannedResponseInput = z
  .strictObject({ cannedResponseId: z.string().max(100), title: Title.optional(), body: Body.optional(), status: Status.optional(), tags: Tags.optional() })
  .refine((v) => v.title !== undefined || v.body !== undefined || v.status !== undefined || v.tags !== undefined, { path: [], message: 'nothing to change' });
export type UpdateCannedResponseInput = z.input<typeof UpdateCannedResponseInput>;

export const ListCannedResponsesInput = PageInput.extend({
  /** Words of the title, any case (the agent typing in the picker). */
  q: z.string().trim().max(LIMITS.query).refine(noNul, 'must not contain NUL characters').optional(),
});
export type ListCannedResponsesInput = z.input<typeof ListCannedResponsesInput>;

export const RenderCannedResponseInput = z.strictObject({ cannedResponseId: z.string().max(100), ticketId: z.string().max(100) });
export type RenderCannedResponseInput = z.input<typeof RenderCannedResponseInput>;

export type CannedResponse = {
  id: string;
  title: string;
  /** As written, placeholders and all. */
  body: string;
  /** The status the ticket takes when it is sent; null: as it is. */
  status: ReplyStatus | null;
  /** Tags it adds to the ticket when it is sent. */
  tags: string[];
  createdBy: string | null;
  /** The agent whose own it is (they alone see and use it); null for the team's. */
  ownerId: string | null;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
};
