// A policy field's path, as a refused activation or preview names it, in words an admin can look
// for (pathWords) and at the line of the new version that holds it (lineOfPath). A reduction's path
// names a list item by its id where the items have one ("severities.2" is severity 2), else by its
// 0-based position ("holidays.yearly.2" is the third); a path as the file check spells it
// ("plans[0].calendar") always by position.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lineOfPath, pathWords } from '../../src/policy/index.ts';

describe('pathWords', () => {
  it('names an item of a list with ids by its id', () => {
    assert.equal(pathWords('plans.pro'), 'plan pro');
    assert.equal(pathWords('plans.pro.calendar'), 'plan pro, calendar');
    assert.equal(pathWords('calendars.office'), 'calendar office');
    assert.equal(pathWords('calendars.support.time_zone'), 'calendar support, time zone');
    assert.equal(pathWords('severities.2'), 'severity 2');
    assert.equal(pathWords('severities.2.handled_by'), 'severity 2, handled by');
    assert.equal(pathWords('after_hours.critical.channels'), 'after-hours rule critical, channels');
    assert.equal(pathWords('after_hours.critical.targets.triage'), 'after-hours rule critical, targets, triage');
    assert.equal(pathWords('channels.email.address'), 'channel email, address');
    assert.equal(pathWords('features.sso'), 'feature sso');
    assert.equal(pathWords('intake.users'), 'question users');
    assert.equal(pathWords('queues.billing'), 'queue billing');
    assert.equal(pathWords('request_types.billing'), 'request type billing');
    assert.equal(pathWords('notification_lists.releases'), 'notification list releases');
    assert.equal(pathWords('status_page.components.api'), 'status page, component api');
    assert.equal(pathWords('escalation.levels.tier2'), 'escalation level tier2');
    assert.equal(pathWords('coverage.requirements.onboarded'), 'coverage requirement onboarded');
    assert.equal(pathWords('prose.sections.faq'), 'section faq');
  });

  it('names a pause by its status, the key its items have instead of an id', () => {
    assert.equal(pathWords('pauses.pending_customer'), 'pause pending_customer');
  });

  it('names an item of a list without ids by its position counted from 1', () => {
    assert.equal(pathWords('calendars.support.holidays.yearly.2'), 'calendar support, yearly holidays, item 3');
    assert.equal(pathWords('calendars.support.holidays.dates.0'), 'calendar support, holiday dates, item 1');
    assert.equal(pathWords('calendars.support.holidays.regions.1'), 'calendar support, holiday regions, item 2');
    assert.equal(pathWords('calendars.support.holidays.except'), 'calendar support, holiday exceptions');
    assert.equal(pathWords('calendars.support.holidays.observed_only'), 'calendar support, holidays, observed only');
    assert.equal(pathWords('severities.2.definition.0'), 'severity 2, definition, item 1');
    assert.equal(pathWords('severities.2.details.1'), 'severity 2, details, item 2');
  });

  it('names a key of a map by the key: a channel or feature of a plan, a day of the hours, a plan of a target', () => {
    assert.equal(pathWords('plans.pro.channels.email'), 'plan pro, channel email');
    assert.equal(pathWords('plans.pro.features.sso'), 'plan pro, feature sso');
    assert.equal(pathWords('calendars.support.hours.mon-fri'), 'calendar support, hours, mon-fri');
    assert.equal(pathWords('severities.1.targets.first_response.pro'), 'severity 1, targets, first response, pro');
  });

  it('names a whole list or a field as words', () => {
    assert.equal(pathWords('plans'), 'plans');
    assert.equal(pathWords('severities'), 'severities');
    assert.equal(pathWords('status_page.maintenance.email_customers'), 'status page, maintenance, email customers');
  });

  it('reads a position in brackets (the file check\'s spelling) as a position, also in a list with ids', () => {
    assert.equal(pathWords('severities[0].targets'), 'severities, item 1, targets');
    assert.equal(pathWords('calendars[1].holidays.yearly[2].day'), 'calendars, item 2, yearly holidays, item 3, day');
  });
});

describe('lineOfPath', () => {
  // Severity 2 taken out: the list's second item (position 1) is severity 3.
  const source = [
    'severities:', //                                    1
    '  - id: 1', //                                      2
    '    name: Critical', //                             3
    '  - id: 3', //                                      4
    '    name: Normal', //                               5
    '  - id: 4', //                                      6
    '    name: Low', //                                  7
    'calendars:', //                                     8
    '  - id: support', //                                9
    '    holidays:', //                                  10
    '      yearly:', //                                  11
    '        - { month: 1, day: 1, name: New Year }', // 12
    '        - { month: 12, day: 25, name: Christmas }', // 13
    'pauses:', //                                        14
    '  - status: pending_customer', //                   15
    '    metrics: [resolution]', //                      16
    '  - status: pending_third_party', //                17
    '    metrics: [resolution]', //                      18
    '',
  ].join('\n');

  it('finds a gone item of a list with ids at the list, not at the item in its position', () => {
    assert.equal(lineOfPath(source, 'severities.2'), 2);
    assert.equal(lineOfPath(source, 'severities.3.name'), 5);
  });

  it('finds an item of a list without ids by its position, and a position in brackets', () => {
    assert.equal(lineOfPath(source, 'calendars.support.holidays.yearly.1'), 13);
    assert.equal(lineOfPath(source, 'calendars[0].holidays.yearly[0]'), 12);
    assert.equal(lineOfPath(source, 'severities[1].name'), 5);
  });

  it('finds a pause by its status', () => {
    assert.equal(lineOfPath(source, 'pauses.pending_third_party'), 17);
  });
});
