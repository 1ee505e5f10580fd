// The published page follows the vendor's order of sections where the file gives one
// (prose.order), and Accord's own order where it does not. The expected orders are copied by hand
// from the seed (OpenMethods, seed 002: "About Our Status Page", then "Maintenance Updates",
// "Incident Updates", "Onboarding Introduction", "Subscription to Notifications", "Types of
// Notifications", the four severities, "To learn more about OpenMethods' Customer Care and
// support, click here.", then "Data Processing Agreement").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';

const headings = (page: string) => page.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));

describe('the page in the vendor\'s order (prose.order)', () => {
  it('OpenMethods: its status page sections, then its severities, then Customer Care, then the Data Processing Agreement', () => {
    const page = renderPolicy(examplePolicy('openmethods'), 'md', { year: 2026 });
    assert.deepEqual(headings(page), [
      'OpenMethods Status Page',
      'Maintenance Updates',
      'Incident Updates',
      'Onboarding Introduction',
      'Subscription to Notifications',
      'Types of Notifications',
      'Severity definitions',
      'Support levels',
      'How to contact support',
      'Data Processing Agreement',
    ]);
    // The Customer Care sentence comes after the last severity's SLAs and before the agreement, as in the seed.
    const at = (text: string) => page.indexOf(text);
    assert.ok(at('Enhancement request to support a new version of ACD') < at("To learn more about OpenMethods' Customer Care and support, click here."));
    assert.ok(at("To learn more about OpenMethods' Customer Care and support, click here.") < at('## Data Processing Agreement'));
  });

  it('the same in HTML: the sections in that order', () => {
    const page = renderPolicy(examplePolicy('openmethods'), 'html', { year: 2026 });
    const h2 = [...page.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    assert.deepEqual(h2.slice(0, 2), ['OpenMethods Status Page', 'Maintenance Updates']);
    assert.deepEqual(h2.slice(-3), ['Support levels', 'How to contact support', 'Data Processing Agreement']);
  });

  it('without prose.order the page keeps Accord\'s order: channels first, the vendor\'s prose sections after the lists', () => {
    const unordered = policyFrom(exampleSource('openmethods').replace(/^ {2}order: \[.*\]\n/m, ''));
    assert.deepEqual(headings(renderPolicy(unordered, 'md', { year: 2026 })), [
      'How to contact support',
      'Support levels',
      'Severity definitions',
      'OpenMethods Status Page',
      'Data Processing Agreement',
      'Maintenance Updates',
      'Incident Updates',
      'Onboarding Introduction',
      'Subscription to Notifications',
      'Types of Notifications',
    ]);
  });

  it('sections the order leaves out follow the ones it lists, in Accord\'s order', () => {
    const partial = policyFrom(exampleSource('openmethods').replace(/^ {2}order: \[.*\]\n/m, '  order: [notification_lists]\n'));
    assert.deepEqual(headings(renderPolicy(partial, 'md', { year: 2026 })).slice(0, 4), [
      'Data Processing Agreement',
      'How to contact support',
      'Support levels',
      'Severity definitions',
    ]);
  });

  it('refuses a section name the page does not have', () => {
    assert.throws(() => policyFrom(exampleSource('openmethods').replace(/^ {2}order: \[/m, '  order: [faq, ')), /order/);
  });
});
