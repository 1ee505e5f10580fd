// Accord's chat button for the vendor's own pages: their website, docs or product (OpenBack: "Chat
// widget on our website, docs and dashboard"; OpenKey: "via the chat bubble on the bottom
// right-hand corner of the knowledge base and HOST Platform"). Embedded with
//   <script src="https://<the desk>/assets/chat-widget.js" async></script>
// (Admin > Chat button shows the line for this desk.) It adds one button at the bottom right that
// opens the desk's chat in a small window: the customer signs in there if they have not, and the
// chat page says whether chat is staffed now for their plan and, if not, when it is and what else
// they can use. Nothing is read from or sent to the page it sits on; no cookie of that site is
// touched. Its label may be set with data-label="...".
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src || document.getElementById('accord-chat-button')) return;
  var url = new URL('/portal/chat', script.src).href;
  var label = (script.getAttribute('data-label') || '').trim() || 'Chat with us';

  function add() {
    var button = document.createElement('a');
    button.id = 'accord-chat-button';
    button.href = url;
    button.target = '_blank';
    button.rel = 'noopener';
    button.textContent = label;
    var s = button.style;
    s.position = 'fixed';
    s.right = '1.25rem';
    s.bottom = '1.25rem';
    s.zIndex = '2147483000';
    s.padding = '.7rem 1.1rem';
    s.borderRadius = '999px';
    s.background = '#1f4e8c';
    s.color = '#fff';
    s.font = '600 15px/1.2 system-ui, sans-serif';
    s.textDecoration = 'none';
    s.boxShadow = '0 2px 10px rgba(0,0,0,.25)';
    button.addEventListener('click', function (event) {
      // A small window beside the page; where a popup is blocked, the link opens a tab instead.
      var opened = window.open(url, 'accord-chat', 'popup,width=440,height=680');
      if (opened) event.preventDefault();
    });
    document.body.appendChild(button);
  }

  if (document.body) add();
  else document.addEventListener('DOMContentLoaded', add);
})();
