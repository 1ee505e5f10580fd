// The page a rating link in the resolution mail opens (tickets/rating-links.ts): open to anyone
// holding the link, no sign-in. Following the link rates nothing: the page shows the choice the
// link made, a comment box and a button (mail scanners follow links; a person presses the button).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readCtxFor } from '../../http/route-kit.ts';
import { InvalidInputError, isAccordError, type AccordError } from '../../platform/index.ts';
import { rateByLink, readRatingLink } from '../../tickets/index.ts';
import { activePolicy } from '../../policy-versions/index.ts';
import { formatters, planZone } from '../format.ts';
import { formOf, optional, page, type WebDeps } from '../page-kit.ts';
import { sendPage } from '../render.ts';

type TokenReq = { Params: { token: string }; Querystring: { rating?: string } };
const tokenSchema = {
  params: { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 100 } } },
  querystring: { type: 'object', properties: { rating: { type: 'string', enum: ['good', 'bad'] } } },
};

async function showRate(request: FastifyRequest<TokenReq>, reply: FastifyReply, deps: WebDeps, shown: { chosen?: string; comment?: string; error?: AccordError; done?: boolean } = {}) {
  const ctx = readCtxFor(request, deps);
  const [link, { model: policy }] = await Promise.all([readRatingLink({ ctx, input: { token: request.params.token } }), activePolicy(ctx.db)]);
  return sendPage(request, reply, 'portal/rate', {
    title: `Rate case #${link.number}`, link, token: request.params.token,
    chosen: shown.chosen ?? request.query.rating ?? link.rating?.rating ?? '', comment: shown.comment ?? '',
    // Opened from a mail, signed in or not: its times in the plan's zone, as the case's mails and pages give them.
    error: shown.error ?? null, done: shown.done ?? false, f: formatters(ctx.clock.now(), planZone(policy, link.plan)),
  }, shown.error ? (shown.error.code === 'conflict' ? 409 : 400) : 200);
}

export function registerRatingPages(web: FastifyInstance, deps: WebDeps): void {
  web.get<TokenReq>('/rate/:token', page('public', tokenSchema), (request, reply) => showRate(request, reply, deps));

  web.post<TokenReq>('/rate/:token', page('public', { params: tokenSchema.params }), async (request, reply) => {
    const form = formOf(request);
    const comment = optional(form, 'comment');
    try {
      // Named in the form's words, not the validator's ("Invalid option: expected one of ...").
      if (form.rating !== 'good' && form.rating !== 'bad') throw new InvalidInputError('Choose good or bad', [{ path: 'rating', message: 'choose good or bad' }]);
      await rateByLink({ ctx: readCtxFor(request, deps), input: { token: request.params.token, rating: form.rating, ...(comment ? { comment } : {}) } });
    } catch (error) {
      if (!isAccordError(error) || !['invalid_input', 'conflict', 'forbidden'].includes(error.code)) throw error;
      return showRate(request, reply, deps, { chosen: form.rating ?? '', comment: form.comment ?? '', error });
    }
    return showRate(request, reply, deps, { done: true });
  });
}
