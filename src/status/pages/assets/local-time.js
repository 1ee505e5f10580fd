// Progressive enhancement: the page shows times in the vendor's zone; with JavaScript, each <time> is rewritten
// in the viewer's own time zone. Nothing else on the page needs scripting.
(function () {
  'use strict';
  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' });
  } catch (e) {
    return;
  }
  function run() {
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      var d = new Date(times[i].getAttribute('datetime'));
      if (!isNaN(d.getTime())) times[i].textContent = format.format(d);
    }
    var note = document.querySelector('.zone-note');
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (note && zone) note.textContent = 'Times are shown in your time zone (' + zone + ').';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
