// The agent's new-ticket form speaks of the live channels the policy has. OfficeSpace (seed 003)
// offers "access to phone, email and web support", no chat: a call answered as it is logged, or a
// voicemail; OpenKey has chat too: "on the call or chat", "a voicemail or a missed chat"; OpenMethods
// takes requests only on the web: nothing is answered live, so the box is not offered.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';
import { main } from './page-parts.ts';

/** The form's opening sentence and the answered-live box's words (null: not offered). */
async function formWords(h: WebApp): Promise<{ intro: string | undefined; box: string | null }> {
  const page = main((await (await h.session(h.agent, 'agent')).get('/agent/tickets/new')).body);
  const intro = /<p>(For [^<]*?) The support policy applies/.exec(page)?.[1];
  const box = /<input type="checkbox" name="answered_live" value="yes" checked> ([^<]*)<\/label>/.exec(page)?.[1] ?? null;
  return { intro, box };
}

for (const [policy, plan, intro, box] of [
  ['officespace', 'standard', 'For a call or a message that came in outside the desk.', 'Answered on the call as I open it (its first response; leave unticked for a voicemail)'],
  ['openkey', 'standard', 'For a call, a chat or a message that came in outside the desk.', 'Answered on the call or chat as I open it (its first response; leave unticked for a voicemail or a missed chat)'],
  ['openmethods', 'standard', 'For a message that came in outside the desk.', null],
] as const) {
  describe(`the new-ticket form's live channels, ${policy}`, () => {
    let h: WebApp;
    before(async () => {
      h = await openWebApp(policy, plan);
    });
    after(() => h.close());

    it(box ? `says "${box.split(' (')[0]}"` : 'offers no answered-live box', async () => {
      assert.deepEqual(await formWords(h), { intro, box });
    });
  });
}
