import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { alertsFor, clockPosition, DigestEntry, digestEntry, EntrySource, lowerLevels } from '../../../domain/reminders/alerts';
import { mailErrorCode } from '../../../domain/reminders/mailer';
import { translator } from '../../../domain/i18n';
import { escapeHtml } from '../../../domain/format/html';
import { renderDigest, serviceLabel, staffComplaintUrl } from '../../../domain/reminders/reminderDigest';

const calendar = BusinessCalendar.fromDataFile();
const at = (date: string, hour = 8) => calendar.instantAt(date, hour, 0);

describe('alert levels of a running clock', () => {
  it.each([
    // First contact due Wednesday 30 December 2026; 24, 25, 28 and 31 December are holidays.
    ['2026-12-23', 1, undefined, undefined],
    ['2026-12-28', 1, undefined, undefined],
    ['2026-12-29', 1, 'atRisk', 1],
    ['2026-12-28', 2, 'atRisk', 2],
    ['2026-12-29', 0, undefined, undefined],
    ['2026-12-30', 1, 'dueToday', 0],
    ['2026-12-31', 1, 'overdue', -1],
    ['2027-01-05', 1, 'overdue', -1],
    ['2027-01-07', 1, 'overdue', -3],
  ])('on %s with a %i-day window: %s (%s)', (day, window, level, left) => {
    const position = clockPosition('2026-12-30', at(day), calendar, window);
    expect(position?.level).toBe(level);
    expect(position?.businessDaysLeft).toBe(left);
  });

  it('evaluates the day in Québec, whatever the server time zone', () => {
    // 23:30 on the 29th in Québec is already the 30th in UTC.
    expect(clockPosition('2026-12-30', new Date('2026-12-30T04:30:00Z'), calendar, 1)?.level).toBe('atRisk');
    expect(clockPosition('2026-12-30', new Date('2026-12-30T05:30:00Z'), calendar, 1)?.level).toBe('dueToday');
  });
});

describe('what a pass records', () => {
  const target = { complaintId: 7, reference: 'PL-2026-000007', service: 'other', clock: 'firstContact' as const, dueDate: '2026-12-30' };

  it('records the current level once', () => {
    expect(alertsFor(target, { level: 'atRisk', businessDaysLeft: 1 }, new Set(), 1)).toEqual([
      { ...target, level: 'atRisk', businessDaysLeft: 1, superseded: false },
    ]);
    expect(alertsFor(target, { level: 'atRisk', businessDaysLeft: 1 }, new Set(['atRisk'] as const), 1)).toEqual([]);
  });

  it('records the levels skipped during downtime as superseded, and mails only the current one', () => {
    const alerts = alertsFor(target, { level: 'overdue', businessDaysLeft: -2 }, new Set(['atRisk'] as const), 1);
    expect(alerts.map((a) => [a.level, a.superseded])).toEqual([
      ['dueToday', true],
      ['overdue', false],
    ]);
  });

  it('has no « à risque » level when its window is 0 days', () => {
    expect(lowerLevels('overdue', 0)).toEqual(['dueToday']);
    expect(lowerLevels('overdue', 3)).toEqual(['atRisk', 'dueToday']);
    expect(lowerLevels('atRisk', 3)).toEqual([]);
  });
});

describe('the digest', () => {
  const entry = (reference: string, left: number, service = 'online-exams', extra: Partial<EntrySource> = {}): DigestEntry =>
    digestEntry(
      {
        complaintId: Number(reference.slice(-3)),
        reference,
        service,
        firstContactDueDate: '2027-01-06',
        answerDueDate: calendar.addBusinessDays('2027-01-20', left),
        firstContactAt: at('2026-12-29', 10),
        ...extra,
      },
      at('2027-01-20'),
      calendar,
      { firstContact: 1, answer: 3 },
    )!;
  const options = { lang: 'fr' as const, asOf: at('2027-01-20'), publicBaseUrl: 'https://exemple.gouv.qc.ca/', calendar, maxItemsPerLevel: 2 };

  it('escapes everything it puts in HTML', () => {
    const digest = renderDigest([entry('PL-2027-000001', 3, 'x<script>&"\'')], options);
    expect(digest.html).toContain('x&lt;script&gt;&amp;&quot;&#39;');
    expect(digest.html).not.toContain('<script>');
    expect(digest.text).toContain('x<script>&"\'');
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;');
  });

  it('shows both clocks of a complaint in one entry, and counts complaints in the subject with French plurals', () => {
    const one = renderDigest([entry('PL-2027-000001', 3)], options);
    expect(one.subject).toBe('Rappel des délais\u00a0: 1 plainte à traiter');
    expect(one.text).toContain('Premier contact (5 jours ouvrables)\u00a0: fait le mardi 29 décembre 2026');
    expect(one.text).toContain('Réponse (20 jours ouvrables)\u00a0: échéance le lundi 25 janvier 2027, il reste 3 jours ouvrables');
    // Both clocks running, one of them late: one entry, under « En retard ».
    const late = entry('PL-2027-000002', 1, 'other', { firstContactAt: undefined });
    const three = renderDigest([entry('PL-2027-000001', 3), late, entry('PL-2027-000003', 0)], options);
    expect(three.subject).toBe('Rappel des délais\u00a0: 3 plaintes à traiter dont 1 en retard');
    expect(three.text.match(/PL-2027-000002/g)).toHaveLength(2); // the line and its link
    expect(three.text).toContain('Premier contact (5 jours ouvrables)\u00a0: échéance le mercredi 6 janvier 2027, en retard de 10 jours ouvrables');
    expect(three.text.indexOf('EN RETARD (1)')).toBeLessThan(three.text.indexOf("ÉCHÉANCE AUJOURD'HUI (1)"));
    const two = renderDigest([late, { ...late, complaintId: 4, reference: 'PL-2027-000004' }], options);
    expect(two.subject).toBe('Rappel des délais\u00a0: 2 plaintes à traiter dont 2 en retard');
    expect(renderDigest([late], { ...options, lang: 'en' }).subject).toBe('Deadline reminder: 1 complaint to handle, 1 of them overdue');
  });

  it('never lets a reference wrap in the HTML part', () => {
    const digest = renderDigest([entry('PL-2027-000001', 3)], options);
    expect(digest.html).toContain('<td class="ref" style="white-space: nowrap">');
    expect(digest.html).toContain('>PL\u20112027\u2011000001</span></a>');
    // The link itself and the plain-text part keep ordinary hyphens, so the reference can be copied.
    expect(digest.html).toContain('href="https://exemple.gouv.qc.ca/admin/complaints/PL-2027-000001"');
    expect(digest.text).toContain('• PL-2027-000001 — ');
  });

  it('says to whom it is routed, and the escalation names the officer', () => {
    expect(renderDigest([entry('PL-2027-000001', 3)], { ...options, officer: 'alice' }).text).toContain('Ces plaintes vous sont assignées (alice).');
    expect(renderDigest([entry('PL-2027-000001', 3)], options).text).toContain('Ces plaintes ne sont assignées à personne');
    const late = entry('PL-2027-000002', 1, 'other', { firstContactAt: undefined, assignedTo: 'alice' });
    const escalation = renderDigest([late], { ...options, kind: 'escalation', escalationBusinessDays: 3 });
    expect(escalation.subject).toBe('Signalement à la gestion\u00a0: 1 plainte en retard');
    expect(escalation.text).toContain('dépassé depuis 3 jours ouvrables ou plus');
    expect(escalation.text).toContain('Assignée à\u00a0: alice');
    expect(escalation.html).toContain('<td>alice</td>');
  });

  it('caps each level and says how many more, so a catch-up digest stays a reasonable e-mail', () => {
    const digest = renderDigest(
      ['001', '002', '003', '004', '005'].map((n) => entry(`PL-2027-000${n}`, 3)),
      options,
    );
    expect(digest.subject).toBe('Rappel des délais\u00a0: 5 plaintes à traiter');
    expect(digest.text).toContain('PL-2027-000002');
    expect(digest.text).not.toContain('PL-2027-000003');
    expect(digest.text).toContain('… et 3 autres plaintes à ce niveau\u00a0: consultez la vue du personnel.\n  https://exemple.gouv.qc.ca/admin/complaints');
    expect(digest.html).toContain('<a href="https://exemple.gouv.qc.ca/admin/complaints">… et 3 autres plaintes à ce niveau');
  });

  it('builds the staff link from PUBLIC_BASE_URL', () => {
    expect(staffComplaintUrl('https://exemple.gouv.qc.ca/', 'PL-2027-000001')).toBe('https://exemple.gouv.qc.ca/admin/complaints/PL-2027-000001');
  });

  it('names the service with the complaint namespace, or with its key when there is no label', () => {
    const t = translator('fr');
    expect(serviceLabel(t, 'online-exams')).not.toBe('online-exams');
    expect(serviceLabel(t, 'service-inconnu')).toBe('service-inconnu');
  });

  it('exists in English too', () => {
    const digest = renderDigest([entry('PL-2027-000001', 0, 'other', { answerDueDate: '2027-01-18' })], { ...options, lang: 'en' });
    expect(digest.text).toContain('Answer (20 business days): due Monday, January 18, 2027, 2 business days late');
  });
});

describe('what is kept of a mail error', () => {
  it('keeps the code and the SMTP reply code, never the message', () => {
    const err = Object.assign(new Error('550 <marie@exemple.qc.ca>: mailbox unavailable'), { code: 'EENVELOPE', responseCode: 550 });
    expect(mailErrorCode(err)).toBe('EENVELOPE:550');
    expect(mailErrorCode(new TypeError('boom marie@exemple.qc.ca'))).toBe('TypeError');
    expect(mailErrorCode('text')).toBe('UNKNOWN');
  });
});
