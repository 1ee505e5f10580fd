// The published policy is generated from the enforced one: OpenBack's targets table
// must match the seed's table cell for cell.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

const seed = readFileSync(new URL('../../../shared/seeds/001_cbb90dbf789447bf.txt', import.meta.url), 'utf8');

/** Dashes, spacing and case differ in typography only; the seed's "2 business day" is a typo for days. */
function normalise(cell: string): string {
  return cell.replace(/[–—]/g, '-').replace(/\s+/g, ' ').trim().toLowerCase().replace(/\bday\b/g, 'days').replace(/^(1 business )days$/, '$1day');
}

function seedRows(): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const line of seed.split('\n')) {
    const m = /^Severity (\d): \w+ - Initial Response Time \|(.*)\|\s*$/.exec(line);
    if (m) rows.set(Number(m[1]), m[2].split('|').map(normalise));
  }
  return rows;
}

function renderedRows(md: string): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  for (const line of md.split('\n')) {
    const m = /^\| Severity (\d): \w+ \|(.*)\|$/.exec(line);
    if (m) rows.set(Number(m[1]), m[2].split('|').map(normalise));
  }
  return rows;
}

describe('policy render', () => {
  const md = renderPolicy(examplePolicy('openback'), 'md', { year: 2026 });

  it("renders OpenBack's initial response table cell for cell as the seed publishes it", () => {
    const expected = seedRows();
    assert.equal(expected.size, 4, 'the seed has four severity rows');
    assert.deepEqual(renderedRows(md), expected);
    assert.match(md, /\| Initial Response Time \| Growth \| Pro \| Enterprise \|/);
  });

  it('renders the feature matrix, hours, holidays of the year, exclusions and named contacts', () => {
    assert.match(md, /\| Phone Support \| - \| ✓ \| ✓ \|/);
    assert.match(md, /\| Designated Technical Account Manager \| - \| Optional \| Optional \|/);
    assert.match(md, /\| Named Support Contacts \| - \| 1 \| 2 \|/);
    assert.match(md, /Sat 09:00-16:00 \(Europe\/London\)/);
    assert.match(md, /2026-12-28 Boxing Day \(substitute day\)/);
    assert.match(md, /Implementations not using the OpenBack Limited SDKs\./);
  });

  it('renders after-hours support and escaped HTML', () => {
    const html = renderPolicy(examplePolicy('opscom'), 'html', { year: 2026 });
    assert.match(html, /<h2>After-hours support<\/h2>/);
    assert.match(html, /Triage: 15 minutes, 24x7/);
    assert.match(html, /Status Notification: 1 hour, 24x7, with an estimated time to resolution/);
    assert.doesNotMatch(html, /'s severity/); // apostrophes are escaped
    const om = renderPolicy(examplePolicy('openmethods'), 'html', { year: 2026 });
    assert.match(om, /&lt; 30% of chats are not routing/);
  });

  it('renders every example in both formats', () => {
    for (const name of ['openkey', 'openback', 'openmethods', 'officespace', 'opscom']) {
      assert.ok(renderPolicy(examplePolicy(name), 'md', { year: 2026 }).startsWith('# '));
      assert.ok(renderPolicy(examplePolicy(name), 'html', { year: 2026 }).startsWith('<!doctype html>'));
    }
  });
});
