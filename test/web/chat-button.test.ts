// The chat button (assets/chat-widget.js, the help centre's bubble, Admin's embed line): OpenKey
// offers "Chat support ... via the chat bubble on the bottom right-hand corner of the knowledge
// base and HOST Platform", OpenBack a "Chat widget on our website, docs and dashboard".
// OfficeSpace has no chat channel: no bubble, no embed line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openWebApp, type WebApp } from './web-app.ts';

const BUBBLE = '<a class="chat-bubble" id="chat-bubble" href="/portal/chat">Chat with us</a>';

describe('the chat button, OpenBack (a chat channel)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('openback', 'enterprise');
  });
  after(() => h.close());

  it('the help centre shows the bubble to visitors and customers, not to agents, and no other page does', async () => {
    const visitor = await h.visitor();
    for (const url of ['/help', '/help/faq', '/help/releases']) assert.ok((await visitor.get(url)).body.includes(BUBBLE), url);
    assert.ok(!(await visitor.get('/policy')).body.includes('chat-bubble'), 'not on the policy page');
    const contact = await h.session(h.contactA, 'contact');
    assert.ok((await contact.get('/help')).body.includes(BUBBLE));
    assert.ok(!(await contact.get('/portal')).body.includes('chat-bubble'), 'the portal links the chat in its menu instead');
    const agent = await h.session(h.agent, 'agent');
    assert.ok(!(await agent.get('/help')).body.includes('chat-bubble'));
  });

  it('a visitor following it is asked to sign in and brought back to the chat', async () => {
    const res = await (await h.visitor()).get('/portal/chat');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/login?next=%2Fportal%2Fchat');
  });

  it('serves the button script for other sites to load, and Admin gives the line that embeds it', async () => {
    const script = await h.app.inject({ method: 'GET', url: '/assets/chat-widget.js' });
    assert.equal(script.statusCode, 200);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.headers['cross-origin-resource-policy'], 'cross-origin', 'a browser may load it from another site');
    assert.match(script.body, /new URL\('\/portal\/chat', script\.src\)/);
    // Other assets stay same-origin.
    assert.equal((await h.app.inject({ method: 'GET', url: '/assets/app.js' })).headers['cross-origin-resource-policy'], 'same-origin');
    const admin = await h.session(h.admin, 'agent');
    const page = (await admin.get('/admin')).body;
    assert.match(page, /<h2 id="widget-h">Chat button for your own pages<\/h2>\s*<p>The support policy offers Chat\./);
    assert.ok(page.includes('<pre id="widget-line"><code>&lt;script src=&quot;http://127.0.0.1:3000/assets/chat-widget.js&quot; async&gt;&lt;/script&gt;</code></pre>'), page.slice(page.indexOf('widget-line') - 20, page.indexOf('widget-line') + 200));
  });
});

describe('the chat button, OfficeSpace (no chat channel)', () => {
  let h: WebApp;
  before(async () => {
    h = await openWebApp('officespace', 'standard');
  });
  after(() => h.close());

  it('shows no bubble and no embed line', async () => {
    assert.ok(!(await (await h.visitor()).get('/help')).body.includes('chat-bubble'));
    assert.ok(!(await (await h.session(h.admin, 'agent')).get('/admin')).body.includes('widget-line'));
  });
});
