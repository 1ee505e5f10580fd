// Accord's page script: progressive enhancement only. Every page works without it.
// - countdowns: <time class="countdown" data-due="ISO"> tick every second;
// - live updates: on pages with a [data-live] region, server-sent events (/live) say which ticket
//   changed, and the region is re-fetched from the server (rendered and escaped there);
// - on a ticket page: who else is on it and who is writing a reply (a heartbeat, textContent only);
// - on a chat page: that the customer is there and writing (a heartbeat), the newest message in
//   view, and when support is writing a reply; the agent's page of the chat says when they write;
// - on an agent's page: the menu's link to customers waiting in live chat, kept current by /live.
// Forms and keys (shortcuts, suggestions, finders, canned replies, the policy editor) are forms.js.
(function () {
  'use strict';

  function span(ms) {
    var m = Math.floor(Math.abs(ms) / 60000);
    var d = Math.floor(m / 1440); m -= d * 1440;
    var h = Math.floor(m / 60); m -= h * 60;
    var s = Math.floor(Math.abs(ms) / 1000) % 60;
    var parts = [];
    if (d) parts.push(d + (d === 1 ? ' day' : ' days'));
    if (h) parts.push(h + ' h');
    if (m) parts.push(m + ' min');
    if (!d && !h) parts.push(s + ' s');
    return parts.join(' ');
  }

  // The page says when the server rendered it; countdowns keep to the server's clock, not a skewed local one.
  var skew = 0;

  function tick() {
    var now = Date.now() + skew;
    document.querySelectorAll('.countdown[data-due]').forEach(function (el) {
      var ms = Date.parse(el.getAttribute('data-due')) - now;
      // data-late: a time the policy only aims for is past ("ago"), not overdue (partials/clocks.eta).
      el.textContent = ms >= 0 ? 'in ' + span(ms) : span(ms) + ' ' + (el.getAttribute('data-late') || 'overdue');
      el.classList.toggle('overdue', ms < 0 && !el.hasAttribute('data-late'));
    });
  }

  // Set by presence() on an agent's ticket page: shows who else is on it.
  var showPresence = null;

  // The customer's chat page: whether someone from support is writing a reply now.
  function showSupportWriting(yes) {
    var note = document.getElementById('support-writing');
    if (note) note.hidden = !yes;
  }

  function refreshLive() {
    var region = document.getElementById('live');
    if (!region) return;
    fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById('live');
        if (!fresh) return;
        // Tickets chosen for a bulk change stay chosen when the queue is refreshed.
        var chosen = Array.prototype.map.call(region.querySelectorAll('input[type=checkbox]:checked'), function (box) { return box.value; });
        fresh.querySelectorAll('input[type=checkbox]').forEach(function (box) { if (chosen.indexOf(box.value) >= 0) box.checked = true; });
        region.replaceWith(document.adoptNode(fresh));
        // A chat shows its newest message.
        var newest = fresh.getAttribute('data-live') === 'chat' ? fresh.querySelector('.chat-log li:last-child') : null;
        if (newest) newest.scrollIntoView({ block: 'nearest' });
        // The reply form says how much of the timeline its writer has seen (agent-pages.ts): what the refresh just showed.
        var seen = document.querySelector('input[name=seen_events]');
        if (seen && fresh.hasAttribute('data-events')) {
          // Entries arrived while a reply was being written: the page says so above the reply box,
          // since sending now counts them as read.
          var area = document.getElementById('reply-body');
          var news = document.getElementById('reply-news');
          if (news && area && area.value.trim() && Number(fresh.getAttribute('data-events')) > Number(seen.value)) news.hidden = false;
          seen.value = fresh.getAttribute('data-events');
        }
        tick();
      });
  }

  // The agent's menu link to the customers waiting in live chat (tickets/chat.ts), and the tab's title.
  var title = document.title;
  function showChatsWaiting(waiting) {
    var link = document.getElementById('chats-waiting');
    if (!link) return;
    link.hidden = waiting.length === 0;
    link.textContent = (waiting.length === 1 ? '1 customer' : waiting.length + ' customers') + ' waiting in live chat';
    link.setAttribute('href', waiting.length ? '/agent/tickets/' + encodeURIComponent(waiting[0].id) : '/agent');
    document.title = waiting.length ? '(' + waiting.length + ' in chat) ' + title : title;
  }

  function live() {
    var region = document.getElementById('live');
    // Every agent page with the chat link listens, to say when a customer starts waiting in chat.
    if ((!region && !document.getElementById('chats-waiting')) || !window.EventSource) return;
    var ticket = region ? region.getAttribute('data-ticket') : null;
    // A ticket page's stream also names who else is on it (tickets/presence.ts); a chat page's says
    // when support is writing a reply.
    var onChat = region && region.getAttribute('data-live') === 'chat';
    var source = new EventSource(ticket && (document.getElementById('presence') || onChat) ? '/live?ticket=' + encodeURIComponent(ticket) : '/live');
    source.addEventListener('presence', function (e) { var data = JSON.parse(e.data); if (showPresence) showPresence(data.others, data.customer); });
    source.addEventListener('writing', function (e) { showSupportWriting(JSON.parse(e.data).support); });
    source.addEventListener('chats', function (e) { showChatsWaiting(JSON.parse(e.data).waiting); });
    var pending = null;
    source.addEventListener('ticket', function (e) {
      if (!region) return;
      var data = JSON.parse(e.data);
      if (ticket && data.id !== ticket) return;
      clearTimeout(pending);
      pending = setTimeout(refreshLive, 300);
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  // Who else is on the ticket (tickets/presence.ts): the page says every data-presence-every
  // seconds that its reader is still there, and whether the reply box holds text (at once when that
  // changes); the answer names the others, and who of them is writing a reply. Leaving says so.
  function presence() {
    var region = document.getElementById('live');
    var form = document.getElementById('reply-form');
    // Agents' ticket pages only (the portal's case page has none of this).
    if (!region || region.getAttribute('data-live') !== 'ticket' || !form || !document.getElementById('presence')) return;
    var url = '/agent/tickets/' + encodeURIComponent(region.getAttribute('data-ticket')) + '/presence';
    var csrf = form.querySelector('input[name="_csrf"]').value;
    var area = document.getElementById('reply-body');
    var every = Number(region.getAttribute('data-presence-every')) || 20;
    var replying = null;
    showPresence = show;
    function show(others, customer) {
      // A live chat's customer: on its page, writing, or gone (the page holds the three texts).
      var chat = document.getElementById('chat-state');
      if (chat && customer) chat.textContent = chat.getAttribute(customer.here ? (customer.writing ? 'data-writing' : 'data-here') : 'data-away');
      var here = document.getElementById('presence');
      if (here) here.textContent = others.length ? others.map(function (o) { return o.name + (o.replying ? ' (writing a reply)' : ''); }).join(', ') : 'Nobody else';
      var warn = document.getElementById('reply-collision');
      var writing = others.filter(function (o) { return o.replying; }).map(function (o) { return o.name; });
      if (!warn) return;
      warn.hidden = writing.length === 0;
      warn.textContent = writing.join(' and ') + (writing.length > 1 ? ' are' : ' is') + ' writing a reply to this ticket now: read theirs before sending yours.';
    }
    function touch() {
      replying = !!(area && area.value.trim());
      fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' }, body: new URLSearchParams({ _csrf: csrf, replying: replying ? 'yes' : 'no' }) })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { if (body) show(body.others, body.customer); })
        .catch(function () {});
    }
    touch();
    var timer = setInterval(touch, every * 1000);
    if (area) area.addEventListener('input', function () { if (!!area.value.trim() !== replying) touch(); });
    window.addEventListener('pagehide', function () {
      clearInterval(timer);
      fetch(url, { method: 'POST', credentials: 'same-origin', keepalive: true, body: new URLSearchParams({ _csrf: csrf, leave: 'yes' }) }).catch(function () {});
    });
    window.addEventListener('pageshow', function (e) { if (e.persisted) { touch(); timer = setInterval(touch, every * 1000); } });
  }

  // The portal's chat page (tickets/chat.ts): says every data-chat-every seconds that the customer
  // is there (answers then reach them on the page, not by mail), and that they left as they go.
  function chatPresence() {
    var region = document.getElementById('live');
    var form = document.getElementById('chat-form');
    if (!region || region.getAttribute('data-live') !== 'chat' || !form) return;
    var url = '/portal/chat/' + encodeURIComponent(region.getAttribute('data-ticket')) + '/presence';
    var csrf = form.querySelector('input[name="_csrf"]').value;
    var every = Number(region.getAttribute('data-chat-every')) || 15;
    var area = document.getElementById('chat-body');
    var writing = null;
    // Each touch says whether the message box holds text (at once when that changes), and hears
    // whether support is writing a reply.
    function touch(leave) {
      writing = !!(area && area.value.trim());
      var body = new URLSearchParams({ _csrf: csrf, writing: writing ? 'yes' : 'no' });
      if (leave) body.set('leave', 'yes');
      fetch(url, { method: 'POST', credentials: 'same-origin', keepalive: !!leave, headers: { accept: 'application/json' }, body: body })
        .then(function (r) { return !leave && r.ok && r.status === 200 ? r.json() : null; })
        .then(function (answer) { if (answer) showSupportWriting(answer.support_writing); })
        .catch(function () {});
    }
    if (area) area.addEventListener('input', function () { if (!!area.value.trim() !== writing) touch(false); });
    touch(false);
    var timer = setInterval(function () { touch(false); }, every * 1000);
    window.addEventListener('pagehide', function () { clearInterval(timer); touch(true); });
    window.addEventListener('pageshow', function (e) { if (e.persisted) { touch(false); timer = setInterval(function () { touch(false); }, every * 1000); } });
    var last = region.querySelector('.chat-log li:last-child');
    if (last) last.scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var rendered = Date.parse(document.body.getAttribute('data-now') || '');
    if (!isNaN(rendered)) skew = rendered - Date.now();
    tick();
    setInterval(tick, 1000);
    live();
    presence();
    chatPresence();
  });
})();
