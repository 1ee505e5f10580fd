// The published policy as a document. Every sentence on the page is the vendor's, taken from
// the policy file; Accord adds only headings, labels and the tables it generates from the
// enforced model (hours, holidays, feature matrix, targets). A section appears only when the
// file has something for it, so a vendor that never mentions a status page gets none.
import { DAY_LABELS, formatMinutes, holidaysOfYear, isoDate, type MinuteRange } from '../../calendar/index.ts';
import { calendarModel, type PolicyModel } from '../model.ts';
import { channelHoursStated as hoursStated, planNamePublished, severitiesLabel } from '../names.ts';
import { responsibilitiesSentence } from '../contacts-words.ts';
import type { PlanSpec, PolicyFile } from '../schema.ts';
import type { Block } from './blocks.ts';
import { inVendorOrder, type PagePart, type Part } from './order.ts';
import { remediationText, severitiesSection } from './severities.ts';
import { list, paragraphs, saysSentence, squash } from './text.ts';
import { zoneText } from './zone-words.ts';

export { remediationText, zoneText };
import { matrixTargetRows, METRIC_TITLES, targetCell } from './targets.ts';

function rangesText(ranges: readonly MinuteRange[]): string {
  const end = (m: number) => formatMinutes(m % 1440 === 0 && m > 0 ? 1440 : m);
  return ranges.map((r) => `${formatMinutes(r[0])}-${end(r[1])}${r[1] > 1440 ? ' (next day)' : ''}`).join(', ');
}

/** The enforced week of a calendar: "Mon-Fri 09:00-18:00; Sat 09:00-16:00 GMT (Europe/London, BST in summer)". */
export function hoursText(policy: PolicyModel, calendarId: string): string {
  const cal = policy.calendars.get(calendarId);
  if (!cal) return calendarId;
  const week = calendarModel(cal).week;
  const parts: string[] = [];
  for (let d = 0; d < 7; d++) {
    if (week[d].length === 0) continue;
    const text = rangesText(week[d]);
    let e = d;
    while (e + 1 < 7 && rangesText(week[e + 1]) === text && week[e + 1].length > 0) e++;
    parts.push(`${DAY_LABELS[d].slice(0, 3)}${e > d ? `-${DAY_LABELS[e].slice(0, 3)}` : ''} ${text}`);
    d = e;
  }
  const zone = zoneText(cal);
  return `${parts.join('; ')} ${cal.time_zone_label ? zone : `(${zone})`}`;
}


/** When a channel or plan is available: "24x7" or the calendar's published name. */
function whenText(policy: PolicyModel, when: string | undefined): string {
  if (when === undefined) return '-';
  return when === '24x7' ? '24x7' : (policy.calendars.get(when)?.name ?? when);
}

// Holiday names come from the date-holidays data, not the policy: an abbreviation's dot
// ("Martin Luther King Jr. Day") would read as the end of a sentence Accord wrote.
const holidayName = (name: string) => name.replace(/\.(?=\s|$)/g, '');

function mark(v: boolean | 'optional' | undefined): string {
  return v === 'optional' ? 'Optional' : v ? '✓' : '-';
}

/** A table of only the columns with something in them. */
function table(head: string[], rows: string[][]): Block {
  const cols = head.map((_, i) => i).filter((i) => i === 0 || rows.some((r) => r[i] !== ''));
  return { kind: 'table', head: cols.map((i) => head[i]), rows: rows.map((r) => cols.map((i) => r[i])) };
}

function contactSection(policy: PolicyModel): Block[] {
  const f = policy.file;
  const planHeads = f.plans.length === 1 && !planNamePublished(policy, f.plans[0].id) ? ['Hours'] : f.plans.map((p) => p.name);
  // A channel the vendor gives only a sentence for, no address, is that sentence after the table (OpenMethods' Customer Care).
  const told = f.channels.filter((c) => c.reach !== undefined && c.address === undefined);
  // Plan columns say each plan's hours of a channel; where the vendor states none for any channel
  // (OpenBack's table: a channel and its details), there are none, not a column of bare "-".
  const listed = f.channels.filter((c) => !told.includes(c));
  const hoursColumns = listed.some((c) => f.plans.some((p) => hoursStated(c.publish_hours, p.id)));
  const rows = listed.map((c) => [
    c.name,
    c.address ?? '',
    // A description the vendor wrote elsewhere (publish_description: false) is published there, not here.
    c.publish_description === false ? '' : squash(c.description),
    // Hours the vendor never stated (publish_hours: false, or a list of the plans it stated them for)
    // are enforced but not published: the cell is left empty.
    ...(hoursColumns ? f.plans.map((p) => (!hoursStated(c.publish_hours, p.id) && p.channels[c.id] !== undefined ? '' : whenText(policy, p.channels[c.id]))) : []),
  ]);
  return [
    { kind: 'heading', level: 2, text: f.prose.headings?.contact ?? 'How to contact support' },
    ...(rows.length > 0 ? [table(['Channel', 'Address', 'Details', ...(hoursColumns ? planHeads : [])], rows)] : []),
    ...told.flatMap((c) => paragraphs(c.reach)),
  ];
}

function hoursSection(policy: PolicyModel, firstYear: number, lastYear: number): Block[] {
  const years = Array.from({ length: Math.max(1, lastYear - firstYear + 1) }, (_, i) => firstYear + i);
  // The plans' own hours; a calendar only a channel uses is published by its name in the
  // contact table, and one whose days and times are a reading (publish_hours: false) by its name
  // where the policy uses it (OpenMethods' "Remediation work: ..."), never as support hours.
  // Holidays are listed once when every calendar closes on the same days.
  const used = new Set(policy.file.plans.map((p) => p.calendar));
  const cals = policy.file.calendars.filter((c) => used.has(c.id) && c.publish_hours !== false);
  if (cals.length === 0) return [];
  // Per calendar, per year: the holidays it closes on; none listed where the vendor names none
  // (`published: false`: its note says which in its own words).
  const holidayItems = cals.map((cal) =>
    years.map((year) =>
      cal.holidays?.published === false ? [] : [...holidaysOfYear(calendarModel(cal).holidays, year)]
        .sort((x, y) => x[0] - y[0])
        .map(([day, h]) => `${isoDate(day)} ${holidayName(h.name)}${h.closed ? ` (closed ${rangesText(h.closed)})` : ''}`),
    ),
  );
  const shared = holidayItems.every((perYear) => JSON.stringify(perYear) === JSON.stringify(holidayItems[0]));
  const holidays = (perYear: string[][]): Block[] =>
    perYear.flatMap((items, i) => (items.length > 0 ? [{ kind: 'paragraph', text: `Closed on these holidays in ${years[i]}:` } as Block, list(items)] : []));
  // Headed in the vendor's words where it heads its hours (OfficeSpace, OpenBack: "Support Hours").
  const b: Block[] = [{ kind: 'heading', level: 2, text: policy.file.prose.headings?.hours ?? 'Support hours' }];
  // The vendor's words on its holidays, once after all the hours where every calendar says the same (OpenBack's).
  const sharedNote = cals.every((c) => c.holidays?.note === cals[0].holidays?.note);
  cals.forEach((cal, i) => {
    b.push({ kind: 'heading', level: 3, text: cal.name }, { kind: 'paragraph', text: hoursText(policy, cal.id) }, ...paragraphs(cal.note));
    if (!shared) b.push(...holidays(holidayItems[i]));
    if (!sharedNote) b.push(...paragraphs(cal.holidays?.note));
  });
  // Said of every calendar, so under a heading of its own where there are several: after the last
  // calendar's heading it would read as that plan's alone.
  const after = [...(shared ? holidays(holidayItems[0]) : []), ...(sharedNote ? paragraphs(cals[0].holidays?.note) : [])];
  if (after.length > 0 && cals.length > 1) b.push({ kind: 'heading', level: 3, text: 'Holidays' });
  b.push(...after);
  return b;
}

function levelsSection(policy: PolicyModel): Block[] {
  const f = policy.file;
  const b: Block[] = [];
  // Headed as the vendor heads each plan's paragraph where it does (OpenBack: "Growth Support"), else by its name.
  for (const p of f.plans) if (p.description) b.push({ kind: 'heading', level: 3, text: p.heading ?? p.name }, ...paragraphs(p.description));
  if (f.features?.length) {
    const rows = f.features.map((feat) => [feat.name, ...f.plans.map((p) => mark(p.features?.[feat.id]))]);
    // Rows the matrix needs only when the file has them: named contacts, hours that differ by plan, training.
    const row = (label: string, cell: (p: PlanSpec) => string) => rows.push([label, ...f.plans.map(cell)]);
    // Labelled in the vendor's words where the file gives them (OpenBack: "Support Hours of Operation (Weekdays)").
    const label = { named_contacts: 'Named Support Contacts', hours: 'Support Hours of Operation', training_hours: 'Training hours', training: 'Training', ...f.feature_labels };
    if (f.plans.some((p) => p.named_contacts !== null)) row(label.named_contacts, (p) => (p.named_contacts === null ? '-' : String(p.named_contacts)));
    if (new Set(f.plans.map((p) => p.calendar)).size > 1) row(label.hours, (p) => whenText(policy, p.calendar));
    if (f.plans.some((p) => p.training?.hours !== undefined)) row(label.training_hours, (p) => (p.training?.hours === undefined ? '-' : String(p.training.hours)));
    if (f.plans.some((p) => p.training?.note)) row(label.training, (p) => p.training?.note ?? '-');
    rows.push(...matrixTargetRows(policy));
    b.push({ kind: 'table', head: ['Support Feature', ...f.plans.map((p) => p.name)], rows });
  }
  return b.length > 0 ? [{ kind: 'heading', level: 2, text: f.prose.headings?.levels ?? 'Support levels' }, ...b] : [];
}


/**
 * A section the vendor wrote under its contact heading (OpenKey's emergency line, and its "Billing
 * Questions:", "Training Needs:", "Sales:" lines, all under "Contacting OpenKey"), which the file says
 * by heading it the same: published within that section, after the channels, not headed twice.
 */
const underContact = (f: PolicyFile, heading: string | undefined) => heading !== undefined && heading === f.prose.headings?.contact;

/**
 * Where each kind of request goes as the vendor lists them under its contact heading: its name as a
 * label, then its handling and its address in the vendor's order ("Training Needs:" "- Browse our
 * Knowledge Base/Frequently Asked Questions" "- Email Support@OpenKey.co"). A kind with neither an
 * address of its own nor handling is the channels above (OpenKey's "Customer Assistance:" heads the
 * lines the table holds): not listed again.
 */
function requestTypeLines(f: PolicyFile): Block[] {
  return (f.request_types ?? []).filter((r) => r.address || r.handling).flatMap((r): Block[] => [
    { kind: 'paragraph', text: `${r.name}:` },
    list([...(r.handling ? [r.handling] : []), ...(r.address ? [r.address.includes('@') ? `Email ${r.address}` : r.address] : [])]),
  ]);
}

function afterHoursSection(policy: PolicyModel): Block[] {
  const f = policy.file;
  if (!f.after_hours?.length) return [];
  const b: Block[] = [{ kind: 'heading', level: 2, text: f.prose.headings?.after_hours ?? 'After-hours support' }];
  for (const r of f.after_hours) {
    // The part the vendor wrote here (page_text), and no list of Accord's words where its own say it all (publish_summary).
    b.push(...paragraphs(r.page_text ?? r.description));
    const items = r.publish_summary === false ? [] : [
      ...(r.plans ? [`Plans: ${r.plans.map((id) => policy.plans.get(id)?.name ?? id).join(', ')}`] : []),
      // Labelled in the vendor's word for its levels (OpenKey: "Tiers: Emergency Tier 2").
      `${severitiesLabel(policy)}: ${r.severities.map((id) => (f.classification.numbered === false ? (policy.severities.get(id)?.name ?? String(id)) : `${id} (${policy.severities.get(id)?.name ?? id})`)).join(', ')}`,
      `Channels: ${r.channels.map((id) => f.channels.find((c) => c.id === id)?.name ?? id).join(', ')}`,
      `Staffed by: ${r.staffed_by}`,
    ];
    for (const m of ['triage', 'status_notification'] as const) {
      const spec = r.targets?.[m];
      if (!spec) continue;
      const eta = spec.requires_eta ? ', with an estimated time to resolution' : '';
      items.push(`${spec.label ?? METRIC_TITLES[m]}: ${targetCell(policy, f.plans[0].id, spec, m)}${eta}`);
    }
    if (items.length > 0) b.push(list(items));
  }
  return b;
}

function furtherSections(f: PolicyFile): Part[] {
  const parts: Part[] = [];
  // Each section its own part, to be put in the vendor's order (prose.order).
  const part = (key: PagePart) => {
    parts.push({ key, blocks: [] });
    return parts[parts.length - 1].blocks;
  };
  const heads = f.prose.headings;
  let b = part('request_types');
  if (f.request_types?.length && !underContact(f, heads?.request_types)) {
    b.push({ kind: 'heading', level: 2, text: heads?.request_types ?? 'Where to send each kind of request' });
    const rows = f.request_types.map((r) => [r.name, r.address ?? f.queues?.find((q) => q.id === r.queue)?.address ?? '', squash(r.handling)]);
    b.push(table(['Request', 'Send to', 'How it is handled'], rows));
  }
  b = part('coverage');
  if (f.coverage) {
    b.push({ kind: 'heading', level: 2, text: heads?.coverage ?? 'Technical support coverage' });
    // Under the vendor's own subheadings where it has them (OpenBack: "Issues Covered by Technical Support").
    const label = (heading: string | undefined, fallback: string): Block => (heading ? { kind: 'heading', level: 3, text: heading } : { kind: 'paragraph', text: fallback });
    if (f.coverage.covered?.length) b.push(label(heads?.covered, 'Covered:'), list(f.coverage.covered));
    if (f.coverage.not_covered?.length) b.push(label(heads?.not_covered, 'Not covered:'), list(f.coverage.not_covered.map((x) => x.text)));
    for (const r of f.coverage.requirements ?? []) if (!r.published_with_onboarding) b.push(...paragraphs(r.text));
  }
  b = part('onboarding');
  // The vendor's sentence whole where it states other terms with this one (OpenBack's "(1) ...; and (2) ...").
  if (f.onboarding) b.push({ kind: 'heading', level: 2, text: f.prose.headings?.onboarding ?? 'Onboarding' }, ...paragraphs(f.onboarding.published_text ?? f.onboarding.text));
  b = part('named_contacts');
  if (f.contacts && (f.contacts.text || f.contacts.responsibilities?.length || f.contacts.change_process)) {
    // One paragraph, as the seed writes it (OpenBack: "Customers shall designate ... Named Support Contacts are
    // responsible for: (i) ..., (ii) ..., and (iii) .... Any changes to the Named Support Contacts shall be
    // submitted ..."): the vendor's text, its duties as one numbered sentence led by its own words or by the
    // plain words of what the duties are (contacts-words.ts), and how the contacts are changed. A text of
    // several paragraphs keeps its earlier ones; the duties and the change process follow its last.
    const text = paragraphs(f.contacts.text);
    const last = [text.pop(), ...paragraphs(responsibilitiesSentence(f.contacts) ?? undefined), ...paragraphs(f.contacts.change_process)]
      .flatMap((p) => (p?.kind === 'paragraph' ? [p.text] : []));
    b.push({ kind: 'heading', level: 2, text: heads?.named_contacts ?? 'Named support contacts' }, ...text, { kind: 'paragraph', text: last.join(' ') });
  }
  b = part('escalation');
  if (f.escalation?.levels.length) {
    b.push({ kind: 'heading', level: 2, text: 'Escalation' });
    b.push(list(f.escalation.levels.map((l) => `${l.name}${l.tracker ? ` (${l.tracker.name})` : ''}`)));
  }
  // A page the vendor never named (OfficeSpace: notice of scheduled outages only) publishes no
  // section of its own: its promise is already in the vendor's prose.
  b = part('status_page');
  if (f.status_page?.enabled && f.status_page.title) {
    b.push({ kind: 'heading', level: 2, text: f.status_page.title });
    if (f.status_page.url) b.push({ kind: 'paragraph', text: f.status_page.url });
    b.push(...paragraphs(f.status_page.maintenance?.notice));
  }
  b = part('notification_lists');
  for (const l of f.notification_lists ?? []) b.push({ kind: 'heading', level: 2, text: l.name }, ...paragraphs(l.description));
  b = part('monitoring');
  if (f.monitoring?.length) {
    b.push({ kind: 'heading', level: 2, text: 'Continuous monitoring' });
    for (const m of f.monitoring) b.push({ kind: 'heading', level: 3, text: m.name }, ...paragraphs(m.description));
  }
  for (const s of f.prose.sections ?? []) {
    // Each its own part, placed by its id where prose.order names it, else with the others.
    b = [];
    parts.push({ key: s.id ?? 'sections', within: 'sections', blocks: b });
    b.push({ kind: 'heading', level: 2, text: s.title }, ...paragraphs(s.body));
    if (s.items?.length) b.push(list(s.items, s.numbered === true));
    b.push(...paragraphs(s.closing));
    for (const sub of s.subsections ?? []) b.push({ kind: 'heading', level: 3, text: sub.title }, ...paragraphs(sub.body));
  }
  b = part('abuse');
  if (f.abuse && !(f.prose.sections ?? []).some((s) => s.body === f.abuse?.text)) {
    b.push({ kind: 'heading', level: 2, text: 'Support request abuse' }, ...paragraphs(f.abuse.text));
  }
  return parts;
}

export function policyDocument(policy: PolicyModel, year: number, throughYear = year): Block[] {
  const f = policy.file;
  // The vendor's date for its policy, where it gives one, above the title as the vendor puts it (OfficeSpace: "June 14, 2021").
  const dated: Block[] = f.prose.dated ? [{ kind: 'paragraph', text: f.prose.dated }] : [];
  const b: Block[] = [...dated, { kind: 'heading', level: 1, text: f.prose.title }, ...paragraphs(f.prose.introduction)];
  // Under the vendor's heading for them, where it has one, after its contact lines and hours (OpenKey: "Overview");
  // else unheaded, before the contact lines.
  const products: Block[] = f.vendor.products?.length ? [{ kind: 'paragraph', text: `${f.vendor.name} offers the following products:` }, list(f.vendor.products)] : [];
  const productsHeading = f.prose.headings?.products;
  if (!productsHeading) b.push(...products);
  const contact = contactSection(policy);
  const afterHoursUnderContact = underContact(f, f.prose.headings?.after_hours);
  if (afterHoursUnderContact) contact.push(...afterHoursSection(policy).slice(1));
  if (underContact(f, f.prose.headings?.request_types)) contact.push(...requestTypeLines(f));
  const parts: Part[] = [
    { key: 'contact', blocks: contact },
    { key: 'hours', blocks: hoursSection(policy, year, throughYear) },
    { key: 'products', blocks: productsHeading && products.length > 0 ? [{ kind: 'heading', level: 2, text: productsHeading }, ...products] : [] },
    { key: 'levels', blocks: levelsSection(policy) },
    { key: 'severities', blocks: [] },
    { key: 'after_hours', blocks: afterHoursUnderContact ? [] : afterHoursSection(policy) },
    ...furtherSections(f),
  ];
  // The levels say no sentence the rest of the page already says where the vendor wrote it.
  const elsewhere = [...b, ...parts.flatMap((p) => p.blocks)].flatMap((x) => (x.kind === 'paragraph' ? [x.text] : x.kind === 'list' ? x.items : []));
  const severities = severitiesSection(policy, (text) => elsewhere.some((t) => saysSentence(t, text)));
  // Where the vendor's policy places its levels: after the hours, or last (classification.position; OfficeSpace ends with them).
  const last = f.classification.position === 'last';
  if (!last) parts[parts.findIndex((p) => p.key === 'severities')].blocks = severities;
  return [...b, ...inVendorOrder(parts, f.prose.order), ...(last ? severities : [])];
}
