// Accord's form and keyboard script: progressive enhancement only. Every page works without it.
// - keyboard shortcuts: [data-shortcut] fields, j/k/o on lists, g to the queue, ? for help;
// - knowledge-base suggestions while typing a new case (textContent only, never HTML);
// - finders: a customer's email field suggests the people whose name or email holds what the agent
//   typed, an organization field the organizations whose name holds it, from all the desk's;
// - the policy editor: load a chosen file into the text area; Enter in a field of its second action;
// - the canned-response picker: the filled text at the cursor.
(function () {
  'use strict';

  function typing(target) {
    return target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
  }

  function listRows() { return Array.prototype.slice.call(document.querySelectorAll('[data-keyboard-list] tbody tr')); }

  function shortcuts() {
    var selected = -1;
    document.addEventListener('keydown', function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape' && typing(e.target)) { e.target.blur(); return; }
      if (typing(e.target)) return;
      var field = document.querySelector('[data-shortcut="' + e.key + '"]');
      if (field) { e.preventDefault(); field.focus(); field.scrollIntoView({ block: 'center' }); return; }
      var rows = listRows();
      if ((e.key === 'j' || e.key === 'k') && rows.length) {
        e.preventDefault();
        if (rows[selected]) rows[selected].classList.remove('selected');
        selected = Math.max(0, Math.min(rows.length - 1, selected + (e.key === 'j' ? 1 : -1)));
        rows[selected].classList.add('selected');
        var link = rows[selected].querySelector('a');
        if (link) link.focus();
        return;
      }
      if (e.key === 'o' && rows[selected]) { var a = rows[selected].querySelector('a'); if (a) location.href = a.href; return; }
      if (e.key === 'g') { location.href = '/'; return; }
      if (e.key === '?') {
        var help = document.getElementById('shortcut-help');
        if (help && help.showModal) help.showModal();
      }
    });
  }

  function suggestions() {
    var input = document.querySelector('[data-suggest]');
    var list = document.getElementById('suggestions');
    if (!input || !list) return;
    var timer = null;
    var last = '';
    function show(items) {
      list.textContent = '';
      var box = document.getElementById('suggestions-box');
      if (box) box.hidden = items.length === 0;
      items.forEach(function (item) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = '/help/articles/' + encodeURIComponent(item.slug);
        a.textContent = item.title;
        a.target = '_blank';
        a.rel = 'noopener';
        li.appendChild(a);
        list.appendChild(li);
      });
    }
    function ask() {
      var q = input.value.trim();
      var more = document.querySelector('[data-suggest-more]');
      if (more) q = (q + ' ' + more.value.trim()).trim();
      if (q === last || q.length < 3) return;
      last = q;
      fetch('/api/v1/kb/suggest?q=' + encodeURIComponent(q.slice(0, 200)), { headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (body) { show(body.articles || []); })
        .catch(function () {});
    }
    [input, document.querySelector('[data-suggest-more]')].forEach(function (el) {
      if (el) el.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(ask, 250); });
    });
  }

  // input[data-find="<address>"] with a datalist (its list): the datalist is filled with what the
  // server finds for what is typed: contacts (their email, "name, organization") or organizations
  // (their name, and plan).
  function finders() {
    document.querySelectorAll('input[data-find]').forEach(function (input) {
      var list = input.list;
      if (!list) return;
      var timer = null;
      var last = '';
      function ask() {
        var q = input.value.trim();
        if (q === last || q.length < 2) return;
        last = q;
        var from = input.getAttribute('data-find');
        fetch(from + (from.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q.slice(0, 200)), { headers: { accept: 'application/json' } })
          .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
          .then(function (body) {
            if (input.value.trim() !== q) return; // typed on since: a newer answer follows
            var found = (body.contacts || []).map(function (c) { return [c.email, c.organization ? c.name + ', ' + c.organization : c.name]; })
              .concat((body.organizations || []).map(function (o) { return [o.name, o.plan]; }));
            list.textContent = '';
            found.forEach(function (f) {
              var option = document.createElement('option');
              option.value = f[0];
              option.textContent = f[1];
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }
      input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(ask, 200); });
    });
  }

  // The canned-response picker: without scripts it reloads the page with the reply box filled;
  // with them the filled text goes in at the cursor, keeping what the agent already typed.
  function cannedPicker() {
    var form = document.querySelector('form[data-canned]');
    var area = document.getElementById('reply-body');
    if (!form || !area) return;
    var placed = false; // where the agent left the cursor, once they have been in the box
    area.addEventListener('focus', function () { placed = true; });
    form.addEventListener('submit', function (e) {
      var id = form.querySelector('select[name="canned"]').value;
      if (!id) return;
      e.preventDefault();
      fetch('/agent/tickets/' + encodeURIComponent(form.getAttribute('data-canned')) + '/canned/' + encodeURIComponent(id), { headers: { accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (filled) {
          var text = filled.body;
          // What it does to the ticket, shown in the form to change before sending.
          var status = document.getElementById('reply-status');
          if (filled.status && status && status.querySelector('option[value="' + filled.status + '"]')) status.value = filled.status;
          var tags = document.getElementById('reply-tags');
          if (tags && filled.tags && filled.tags.length) {
            var have = tags.value.split(/[\s,]+/).filter(Boolean);
            filled.tags.forEach(function (t) { if (have.indexOf(t) < 0) have.push(t); });
            tags.value = have.join(' ');
          }
          var at = placed ? area.selectionStart : area.value.length;
          var end = placed ? area.selectionEnd : at;
          area.value = area.value.slice(0, at) + text + area.value.slice(end);
          area.focus();
          area.selectionStart = area.selectionEnd = at + text.length;
        })
        .catch(function () { form.submit(); });
    });
  }

  function policyFile() {
    var picker = document.getElementById('policy-file');
    var area = document.getElementById('policy-source');
    if (!picker || !area) return;
    picker.addEventListener('change', function () {
      var file = picker.files && picker.files[0];
      if (!file) return;
      file.text().then(function (text) { area.value = text; });
    });
  }

  // A field that belongs to a form's second action (the policy editor's simulator): Enter takes
  // that action (data-enter: the button's id), not the form's first button. Without the script,
  // Enter takes the form's first, as the browser does.
  function enterTakes() {
    document.addEventListener('keydown', function (e) {
      var id = e.key === 'Enter' && e.target && e.target.getAttribute && e.target.getAttribute('data-enter');
      var button = id && document.getElementById(id);
      if (!button) return;
      e.preventDefault();
      button.click();
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    shortcuts();
    suggestions();
    finders();
    policyFile();
    cannedPicker();
    enterTakes();
  });
})();
