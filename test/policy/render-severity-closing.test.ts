// What a vendor says of one level right after its targets is published there, in that level's
// section (severities[].closing). OpenMethods' seed, after the System Outage SLAs ("Communication
// cadence: status update once every 60 minutes"), before "A major impairment is defined as": "Based
// and dependent on our clients' business continuity plan, severity 1 tickets may be reevaluated and
// potentially regraded to a severity 2 ticket." It concerns severity 1, so it is not published after
// all four severities.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPolicy } from '../../src/policy/render/index.ts';
import { examplePolicy } from '../helpers/policies.ts';

const REGRADING = "Based and dependent on our clients’ business continuity plan, severity 1 tickets may be reevaluated and potentially regraded to a severity 2 ticket.";

describe('a level\'s closing words, in its own section (OpenMethods)', () => {
  it('the regrading sentence follows the System Outage cadence, before Severity 2, once (Markdown)', () => {
    const page = renderPolicy(examplePolicy('openmethods'), 'md', { year: 2026 });
    const sev1 = page.indexOf('### Severity 1 - System Outage');
    const cadence = page.indexOf('Communication cadence: status update once every 60 minutes', sev1);
    const sentence = page.indexOf(REGRADING);
    const sev2 = page.indexOf('### Severity 2 - Major Impairment');
    assert.ok(sev1 >= 0 && cadence > sev1 && sentence > cadence && sev2 > sentence, `order: ${[sev1, cadence, sentence, sev2]}`);
    assert.equal(page.split(REGRADING).length, 2, 'published once');
  });

  it('the same in HTML: a paragraph of the Severity 1 section', () => {
    const page = renderPolicy(examplePolicy('openmethods'), 'html', { year: 2026 });
    const escaped = REGRADING.replace("clients'", 'clients&#39;');
    const sev1 = page.indexOf('Severity 1 - System Outage');
    const sentence = page.includes(escaped) ? page.indexOf(escaped) : page.indexOf(REGRADING);
    const sev2 = page.indexOf('Severity 2 - Major Impairment');
    assert.ok(sev1 >= 0 && sentence > sev1 && sev2 > sentence, `order: ${[sev1, sentence, sev2]}`);
  });
});
