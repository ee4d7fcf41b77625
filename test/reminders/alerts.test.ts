import { BusinessCalendar } from '../../domain/calendar/businessCalendar';
import { alertsFor, clockPosition, lowerLevels, PlannedAlert } from '../../domain/reminders/alerts';
import { mailErrorCode } from '../../domain/reminders/mailer';
import { translator } from '../../domain/i18n';
import { escapeHtml } from '../../domain/format/html';
import { renderDigest, serviceLabel, staffComplaintUrl } from '../../domain/reminders/reminderDigest';

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
  const alert = (reference: string, level: PlannedAlert['level'], left: number, service = 'online-exams'): PlannedAlert => ({
    complaintId: Number(reference.slice(-3)),
    reference,
    service,
    clock: 'answer',
    level,
    dueDate: '2027-01-25',
    businessDaysLeft: left,
    superseded: false,
  });
  const options = { lang: 'fr' as const, asOf: at('2027-01-20'), publicBaseUrl: 'https://exemple.gouv.qc.ca/', calendar, maxItemsPerLevel: 2 };

  it('escapes everything it puts in HTML', () => {
    const digest = renderDigest([alert('PL-2027-000001', 'atRisk', 3, 'x<script>&"\'')], options);
    expect(digest.html).toContain('x&lt;script&gt;&amp;&quot;&#39;');
    expect(digest.html).not.toContain('<script>');
    expect(digest.text).toContain('x<script>&"\'');
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;');
  });

  it('caps each level and says how many more, so a catch-up digest stays a reasonable e-mail', () => {
    const digest = renderDigest(
      ['001', '002', '003', '004', '005'].map((n) => alert(`PL-2027-000${n}`, 'atRisk', 3)),
      options,
    );
    expect(digest.subject).toBe('Plaintes\u00a0: rappel des délais de service (5 à risque)');
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
    const digest = renderDigest([alert('PL-2027-000001', 'overdue', -2)], { ...options, lang: 'en' });
    expect(digest.subject).toBe('Complaints: service deadline reminder (1 overdue)');
    expect(digest.text).toContain('Answer (20 business days): due Monday, January 25, 2027, 2 business days late');
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
