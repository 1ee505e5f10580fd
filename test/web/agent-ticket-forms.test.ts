// The agent's ticket page as QA worked it (2026-12-05): a refused form comes back with what was
// typed in it (the copies, the link, the requester, the time, the merge number were replaced by
// what the ticket had, or emptied), and the page says how the severity was decided in words, not
// the code ("(contact)").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openTicket } from '../http/ticket-app.ts';
import { openWebApp, type WebApp } from './web-app.ts';

const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

describe('agent ticket page forms, OpenBack', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('a refused form keeps what was typed in it, beside its own message', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Keep my typing', severity: 3 });
    const a = await h.session(h.agent, 'agent');

    const ccs = await a.post(`/agent/tickets/${t.id}/ccs`, { emails: 'someone@nowhere.example, other@nowhere.example' });
    assert.equal(ccs.statusCode, 400);
    assert.match(main(ccs.body), /id="ccs-error"[\s\S]*No contact has the email someone@nowhere\.example/);
    assert.match(main(ccs.body), /<input id="cc-emails" name="emails" value="someone@nowhere\.example, other@nowhere\.example">/);

    const link = await a.post(`/agent/tickets/${t.id}/link`, { url: 'ftp://bugs.example/42', title: 'Crash <on> login' });
    assert.equal(link.statusCode, 400);
    assert.match(main(link.body), /id="link-error"/);
    assert.match(main(link.body), /<input id="link-url" name="url" type="url" required value="ftp:\/\/bugs\.example\/42">/);
    assert.match(main(link.body), /<input id="link-title" name="title" required value="Crash &lt;on&gt; login">/);

    const requester = await a.post(`/agent/tickets/${t.id}/requester`, { email: 'newcomer@nowhere.example' });
    assert.equal(requester.statusCode, 400);
    assert.match(main(requester.body), /<input id="requester-email" name="email" type="email" value="newcomer@nowhere\.example">/);

    const time = await a.post(`/agent/tickets/${t.id}/time`, { minutes: 'half an hour', note: 'Call with their admin' });
    assert.equal(time.statusCode, 400);
    assert.match(main(time.body), /id="time-error"[\s\S]*<strong>Minutes<\/strong> must be a whole number of minutes, like 25/);
    assert.match(main(time.body), /<input id="time-minutes" [^>]*value="half an hour">/);
    assert.match(main(time.body), /<input id="time-note" name="note" maxlength="500" value="Call with their admin">/);

    const merge = await a.post(`/agent/tickets/${t.id}/merge`, { into: '999999' });
    assert.equal(merge.statusCode, 400);
    assert.match(main(merge.body), /id="merge-error"/);
    assert.match(main(merge.body), /<input id="merge-into" [^>]*value="999999">/);

    // Forms that were not refused show the ticket as it is: the copies (none) and an empty link.
    assert.match(main(merge.body), /<input id="cc-emails" name="emails" value="">/);
    assert.match(main(merge.body), /<input id="link-url" name="url" type="url" required value="">/);
  });

  it('says how the severity was decided in words, and after a regrade which severity it came from', async () => {
    const t = await openTicket(h, h.contactA, { subject: 'Chosen severity', severity: 3 });
    const a = await h.session(h.agent, 'agent');
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body), /<dt>Severity<\/dt><dd>S3: Minor <small>\(chosen by the customer\)<\/small><\/dd>/);
    const regraded = await a.post(`/agent/tickets/${t.id}/regrade`, { severity: '2', reason: 'Their whole region is affected' });
    assert.equal(regraded.statusCode, 303);
    assert.match(main((await a.get(`/agent/tickets/${t.id}`)).body),
      /<dt>Severity<\/dt><dd>S2: Major <small>\(regraded from S3, which was chosen by the customer\)<\/small><\/dd>/);
  });
});
