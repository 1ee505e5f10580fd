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
    assert.ok(at('Enhancement request to support a new version of ACD') < at('To learn more about OpenMethods’ Customer Care and support, click here.'));
    assert.ok(at('To learn more about OpenMethods’ Customer Care and support, click here.') < at('## Data Processing Agreement'));
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

  // OPS-COM (seed 004) asks, in this order: "What after-hours support do you provide?", "How are
  // upgrades delivered?", "What provisions do you have for training?", "How is your support team
  // structured?", "Do you have online resources, self-help tools?", "What hours is telephone support
  // available?", "How does your escalation process work?". Accord's tables sit by the answer that
  // states what they hold: channels, hours and plans by telephone hours, the escalation levels by the
  // escalation process. Its one level, Critical, is defined in the after-hours answer: no section of
  // levels repeats it (render-said-once.test.ts).
  it('OPS-COM: its FAQ answers in the seed\'s order, each of Accord\'s sections by the answer it belongs to', () => {
    const expected = [
      'What after-hours support do you provide?',
      'How are upgrades delivered?',
      'What provisions do you have for training?',
      'How is your support team structured?',
      'Do you have online resources, self-help tools?',
      'What hours is telephone support available?',
      'How to contact support',
      'Support hours',
      'Support levels',
      'How does your escalation process work?',
      'Escalation',
    ];
    assert.deepEqual(headings(renderPolicy(examplePolicy('opscom'), 'md', { year: 2026 })), expected);
    const html = renderPolicy(examplePolicy('opscom'), 'html', { year: 2026 });
    assert.deepEqual([...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]), expected);
  });

  it('a section named by its id is placed on its own; the others stay together where `sections` is', () => {
    const src = exampleSource('opscom').replace(/^ {2}order: \[.*\]\n/m, '  order: [training, escalation, sections]\n');
    assert.deepEqual(headings(renderPolicy(policyFrom(src), 'md', { year: 2026 })), [
      'What provisions do you have for training?',
      'Escalation',
      'How are upgrades delivered?',
      'How is your support team structured?',
      'Do you have online resources, self-help tools?',
      'What hours is telephone support available?',
      'How does your escalation process work?',
      'How to contact support',
      'Support hours',
      'Support levels',
      'What after-hours support do you provide?',
    ]);
  });

  it('refuses an order naming a section id no section has, and a section id used twice', () => {
    assert.throws(() => policyFrom(exampleSource('opscom').replace(/^ {2}order: \[/m, '  order: [trainin, ')), /prose\.order\[0\].*unknown section \\?"trainin/s);
    assert.throws(() => policyFrom(exampleSource('opscom').replace('- id: team', '- id: training')), /prose\.sections\[2\]\.id.*training\\?" already names/s);
    assert.throws(() => policyFrom(exampleSource('opscom').replace('- id: team', '- id: hours')), /hours\\?" already names/);
  });

  it('refuses a section name the page does not have', () => {
    assert.throws(() => policyFrom(exampleSource('openmethods').replace(/^ {2}order: \[/m, '  order: [faq, ')), /order/);
  });
});
