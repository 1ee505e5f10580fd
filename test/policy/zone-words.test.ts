// A zone's label on the page stays true in summer: "GMT" kept as UK time is BST from late March to
// late October, so the page says so beside the vendor's label. Worked by hand from the zones' rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { zoneText } from '../../src/policy/index.ts';
import { summerName } from '../../src/policy/render/zone-words.ts';

describe('a zone with summer time is named in both', () => {
  it("names each zone's summer time, and none for a zone with one offset all year", () => {
    assert.equal(summerName('Europe/London'), 'BST'); // UTC+1 from the last Sunday of March
    assert.equal(summerName('America/New_York'), 'EDT');
    assert.equal(summerName('America/Chicago'), 'CDT');
    assert.equal(summerName('Asia/Tokyo'), null); // UTC+9 all year
    assert.equal(summerName('UTC'), null);
  });

  it('says the summer name beside the label, once, and nothing for a fixed offset or a label that is the summer name', () => {
    assert.equal(zoneText({ time_zone: 'Europe/London', time_zone_label: 'GMT' }), 'GMT (Europe/London, BST in summer)');
    assert.equal(zoneText({ time_zone: 'Europe/London', time_zone_label: 'BST' }), 'BST (Europe/London)');
    assert.equal(zoneText({ time_zone: 'Asia/Tokyo', time_zone_label: 'JST' }), 'JST (Asia/Tokyo)');
    assert.equal(zoneText({ time_zone: '-06:00', time_zone_label: 'GMT-6' }), 'GMT-6');
    assert.equal(zoneText({ time_zone: 'Europe/London' }), 'Europe/London');
  });
});
