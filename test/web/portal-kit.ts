// The portal's suites file cases alike: a contact sends the new-case form, and the case is read
// from where the answer redirects (/portal/cases/<id>?done=created).
import type { LightMyRequestResponse } from 'fastify';
import type { Browserless } from './web-app.ts';

export type FiledCase = {
  /** The form's answer: a 303 to the case when it was opened, the form again when refused. */
  res: LightMyRequestResponse;
  /** Where it redirects, as given (with ?done=created). */
  url: string;
  /** The case page: `url` without its query. */
  path: string;
  /** The case's id: the last part of `path`. */
  id: string;
};

/** `c` sends the portal's new-case form with `form`, as a browser sends it (multipart), with no file. */
export async function fileCase(c: Browserless, form: Record<string, string>): Promise<FiledCase> {
  const res = await c.upload('/portal/cases', form, []);
  const url = String(res.headers.location);
  const path = url.replace(/\?.*$/, '');
  return { res, url, path, id: path.split('/').pop()! };
}
