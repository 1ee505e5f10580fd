// Every sentence of a published policy is the vendor's: for each example, every sentence of
// the rendered Markdown and HTML (text ending in . ! or ?) must occur in that example's YAML
// source, after whitespace and HTML escaping are normalised. Accord adds headings, labels and
// generated tables only, and table cells hold no sentences (so no sentence is glued to a label).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

const EXAMPLES = ['openkey', 'openback', 'openmethods', 'officespace', 'opscom'];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The YAML source without comments (a sentence found only in a comment is not in the policy). */
function yamlText(name: string): string {
  const source = readFileSync(new URL(`../../examples/policies/${name}.yaml`, import.meta.url), 'utf8');
  return squash(source.split('\n').map((line) => line.replace(/(^|\s)#.*$/, '')).join('\n'));
}

function decodeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

type Unit = { text: string; cell: boolean };

/** Paragraphs, list items, headings and table cells of a Markdown page. */
function markdownUnits(md: string): Unit[] {
  const out: Unit[] = [];
  for (const line of md.split('\n')) {
    if (line.trim() === '' || /^\|( --- \|)+$/.test(line)) continue;
    if (line.startsWith('|')) {
      for (const c of line.slice(1, -1).split(/(?<!\\)\|/)) out.push({ text: squash(c.replace(/\\\|/g, '|')), cell: true });
    } else out.push({ text: squash(line.replace(/^(#+|-|\d+\.) /, '')), cell: false });
  }
  return out.filter((u) => u.text !== '');
}

/** The text between tags of an HTML page (the style sheet left out). */
function htmlUnits(html: string): Unit[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '');
  const out: Unit[] = [];
  for (const m of body.matchAll(/<(t[dh])[^>]*>([^<]*)<\/\1>|>([^<]+)</g)) {
    const text = squash(decodeHtml(m[2] ?? m[3] ?? ''));
    if (text !== '') out.push({ text, cell: m[1] !== undefined });
  }
  return out;
}

/**
 * The sentences of a unit: the pieces between sentence ends that end in . ! or ? (closing quotes and
 * brackets allowed). An initialism's last dot ("U.S.") ends no sentence: a piece ending in one runs on.
 */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?]["')\]]?)(?<!\b[A-Z]\.[A-Z]\.)\s+/).filter((piece) => /[.!?]["')\]]?$/.test(piece));
}

/**
 * The one sentence a page assembles from the file's parts: OpenBack's named contacts' duties, its lead
 * and each duty a field of their own (contacts.responsibilities_lead, .responsibilities), numbered and
 * joined as the seed writes them (contacts-words.ts). Copied by hand from seed 001, its apostrophes
 * curly as the seed and the file write them; each part must still occur in the file.
 */
const ASSEMBLED: Record<string, { sentence: string; parts: string[] }[]> = {
  openback: [{
    sentence: 'Named Support Contacts are responsible for: (i) reporting cases to OpenBack, (ii) overseeing Customer’s support case activity, and (iii) technical knowledge of the OpenBack services and Customer’s use of such services in order to assist OpenBack in diagnosing and resolving the issue.',
    parts: ['Named Support Contacts are responsible for:', 'reporting cases to OpenBack', 'overseeing Customer’s support case activity', 'technical knowledge of the OpenBack services and Customer’s use of such services in order to assist OpenBack in diagnosing and resolving the issue'],
  }],
};

/** The sentences of `units` that are not in the file: neither in its text nor assembled from its parts. */
function foreignSentences(name: string, units: Unit[]): string[] {
  const source = yamlText(name);
  const assembled = (ASSEMBLED[name] ?? []).filter((a) => a.parts.every((part) => source.includes(part))).map((a) => a.sentence);
  return units.flatMap((u) => sentences(u.text)).filter((s) => !source.includes(s) && !assembled.includes(s));
}

describe('the published policy says only what the policy file says', () => {
  for (const name of EXAMPLES) {
    for (const format of ['md', 'html'] as const) {
      it(`${name} (${format}): every sentence occurs in ${name}.yaml`, () => {
        const page = renderPolicy(examplePolicy(name), format, { year: 2026 });
        const units = format === 'md' ? markdownUnits(page) : htmlUnits(page);
        assert.ok(units.length > 10, 'the page has content');
        const foreign = foreignSentences(name, units);
        assert.deepEqual(foreign, [], `sentences of Accord's own in the ${name} page`);
      });
    }
    it(`${name}: no table cell holds a sentence`, () => {
      const cells = markdownUnits(renderPolicy(examplePolicy(name), 'md', { year: 2026 })).filter((u) => u.cell && /[.!?]["')\]]?(\s|$)/.test(u.text));
      assert.deepEqual(cells, []);
    });
  }

  it('catches a sentence Accord would add (the checker is not vacuous)', () => {
    const page = `${renderPolicy(examplePolicy('openback'), 'md', { year: 2026 })}\nFor a range, the lower bound is our goal and the upper bound our commitment.\n`;
    const foreign = foreignSentences('openback', markdownUnits(page));
    assert.deepEqual(foreign, ['For a range, the lower bound is our goal and the upper bound our commitment.']);
  });

  it('takes an assembled sentence as the file\'s only while the file holds its parts', () => {
    const [duties] = ASSEMBLED.openback;
    assert.deepEqual(foreignSentences('openback', [{ text: duties.sentence, cell: false }]), []);
    // Duties the file does not hold, numbered the same way, are Accord's.
    const made = duties.sentence.replace('reporting cases to OpenBack', 'paying invoices');
    assert.deepEqual(foreignSentences('openback', [{ text: made, cell: false }]), [made]);
  });
});
