// Progressive enhancement: the page shows times in the vendor's zone; with JavaScript, each <time> is rewritten
// in the viewer's own time zone, in the server's shape (sla/format.ts localText, localSpanText): a time alone in
// full ("Sat 12 Dec 2026 08:00 GMT-6"), a maintenance window (.window, two <time>s) with the date and the zone
// said once where both ends share them ("Sat 12 Dec 2026, 08:00 to 10:00 GMT-6"). Nothing else needs scripting.
(function () {
  'use strict';
  var dateFormat, timeFormat, zoneFormat;
  try {
    // Separate formatters: dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError).
    dateFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
    zoneFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', timeZoneName: 'short' });
  } catch (e) {
    return;
  }
  function partsOf(el) {
    var d = new Date(el.getAttribute('datetime'));
    if (isNaN(d.getTime())) return null;
    var zone = '';
    var zp = zoneFormat.formatToParts(d);
    for (var i = 0; i < zp.length; i++) if (zp[i].type === 'timeZoneName') zone = zp[i].value;
    return { date: dateFormat.format(d).replace(/,/g, ''), time: timeFormat.format(d), zone: zone };
  }
  function run() {
    var windows = document.querySelectorAll('.window');
    for (var w = 0; w < windows.length; w++) {
      var ends = windows[w].querySelectorAll('time[datetime]');
      var a = ends.length === 2 && partsOf(ends[0]);
      var b = ends.length === 2 && partsOf(ends[1]);
      if (!a || !b) continue;
      ends[0].textContent = a.date + ', ' + a.time + (a.zone === b.zone ? '' : ' ' + a.zone);
      ends[1].textContent = (a.date === b.date ? '' : b.date + ', ') + b.time + ' ' + b.zone;
    }
    var times = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < times.length; i++) {
      if (times[i].closest('.window')) continue;
      var p = partsOf(times[i]);
      if (p) times[i].textContent = p.date + ' ' + p.time + ' ' + p.zone;
    }
    var note = document.querySelector('.zone-note');
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (note && zone) note.textContent = 'Times are shown in your time zone (' + zone + ').';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
