// Levels as people read them (policy/names.ts): "Severity 1 (Critical)" where the vendor numbers its
// severities (OpenBack), the name alone where it does not (OfficeSpace, OpenKey, OPS-COM), under the
// vendor's own word for a level and in the order it lists them. Expected strings written by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hoursWord, listedSeverities, planNamePublished, possessive, severityCode, severityLabel, severitiesLabel, severityName, severityPhrase, severityPublished, severityText } from '../../src/policy/index.ts';
import { examplePolicy, exampleSource, policyFrom } from '../helpers/policies.ts';
import { classifyRequest } from '../../src/tickets/intake.ts';

describe('severity names', () => {
  it('a vendor that numbers its severities (OpenBack) is read "Severity 1 (Critical)"', () => {
    const p = examplePolicy('openback');
    assert.equal(severityName(p, 1), 'Severity 1 (Critical)');
    assert.equal(severityPhrase(p, 2), 'severity 2 (Major)');
    assert.equal(severityText(p, 3), '3: Minor');
    assert.equal(severityCode(p, 4), 'S4');
    assert.equal(severityName(p, 7), 'Severity 7');
    assert.equal(severityLabel(p), 'Severity');
    assert.equal(severitiesLabel(p), 'Severities');
  });

  it('a vendor that numbers none (OfficeSpace) is read by the name alone, under its "Support level"', () => {
    const p = examplePolicy('officespace');
    assert.equal(severityName(p, 1), 'Critical Technical Support');
    assert.equal(severityPhrase(p, 2), 'Technical Support');
    assert.equal(severityText(p, 3), 'Basic Product Support');
    assert.equal(severityCode(p, 1), 'Critical Technical Support');
    assert.equal(severityLabel(p), 'Support level');
    assert.equal(severitiesLabel(p), 'Support levels');
    // A level the policy no longer has: by its number, under the vendor's word.
    assert.equal(severityName(p, 7), 'Support level 7');
  });

  it('OpenKey: tiers by their names, labelled "Tier"; OPS-COM: "Critical", its "Not critical" not published', () => {
    const openkey = examplePolicy('openkey');
    assert.equal(severityName(openkey, 1), 'Emergency Tier 2');
    assert.equal(severityLabel(openkey), 'Tier');
    assert.equal(severitiesLabel(openkey), 'Tiers');
    const opscom = examplePolicy('opscom');
    assert.equal(severityName(opscom, 1), 'Critical');
    assert.equal(severityPublished(opscom, 1), true);
    assert.equal(severityPublished(opscom, 2), false);
  });

  it('lists the levels in the vendor\'s order: OfficeSpace Basic first, OpenBack Severity 1 first', () => {
    assert.deepEqual(listedSeverities(examplePolicy('officespace')).map((s) => s.name), ['Basic Product Support', 'Technical Support', 'Critical Technical Support']);
    assert.deepEqual(listedSeverities(examplePolicy('openback')).map((s) => s.id), [1, 2, 3, 4]);
  });

  it('a numbering vendor\'s own word names its levels too: label Priority reads "Priority 1 (Critical)", "priority 2 (Major)"', () => {
    const source = exampleSource('openback').replace(/^classification:\n/m, 'classification:\n  label: Priority\n');
    const p = policyFrom(source);
    assert.equal(severityName(p, 1), 'Priority 1 (Critical)');
    assert.equal(severityPhrase(p, 2), 'priority 2 (Major)');
    assert.equal(severityName(p, 7), 'Priority 7');
  });

  it('without classification.listed, keeps the order the file lists its levels in', () => {
    const p = examplePolicy('openback');
    const reordered = { ...p, file: { ...p.file, severities: [p.file.severities[2], p.file.severities[0], p.file.severities[3], p.file.severities[1]] } };
    assert.deepEqual(listedSeverities(reordered).map((s) => s.id), [3, 1, 4, 2]);
  });

  it('never names an unpublished level in the reason a customer reads (OPS-COM "Not critical"); names a published one', () => {
    const opscom = examplePolicy('opscom');
    assert.equal(classifyRequest(opscom, {}, { by: 'system' }).reason, 'No rule of the policy matched the answers');
    assert.equal(classifyRequest(opscom, {}, { by: 'agent', severity: 2 }).reason, 'Set by the support team');
    assert.equal(classifyRequest(opscom, {}, { by: 'agent', severity: 1 }).reason, 'Set by the support team: Critical');
    assert.equal(classifyRequest(examplePolicy('openback'), {}, { by: 'system' }).reason, 'No rule of the policy matched the answers: Minor');
  });
});

describe('a name as a customer reads it beside the vendor\'s words', () => {
  // Seed 002 writes "OpenMethods’ Customer Support team": a name ending in s takes the apostrophe alone.
  it('the possessive of a name ending in s is the apostrophe alone: OpenMethods\', OpenKey\'s', () => {
    assert.equal(possessive('OpenMethods'), "OpenMethods'");
    assert.equal(possessive('OpenKey'), "OpenKey's");
    assert.equal(possessive('OfficeSpace Software'), "OfficeSpace Software's");
  });

  // OfficeSpace and OpenKey have no plans: the one plan holding their terms ("Support", "Standard")
  // is a name neither vendor wrote, and the published page heads its column "Hours".
  it('a plan\'s name is published where the policy has several plans, never the one plan of a vendor with none', () => {
    assert.equal(planNamePublished(examplePolicy('officespace'), 'standard'), false);
    assert.equal(planNamePublished(examplePolicy('openkey'), 'standard'), false);
    assert.equal(planNamePublished(examplePolicy('openback'), 'growth'), true);
    assert.equal(planNamePublished(examplePolicy('opscom'), 'premium'), true);
  });

  // OpenKey: "during our regular business hours", "outside of business hours"; it never says "support hours".
  it('hours go by the vendor\'s word for them: OpenKey\'s regular business hours, else support hours', () => {
    assert.equal(hoursWord(examplePolicy('openkey'), 'business'), 'regular business hours');
    assert.equal(hoursWord(examplePolicy('opscom'), 'business'), 'support hours');
    assert.equal(hoursWord(examplePolicy('openback'), 'weekdays'), 'support hours');
  });
});
