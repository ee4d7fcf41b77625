import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import type { ComplaintInput } from '../../../domain/complaints/complaint';
import { describeEachDatabase } from '../../helpers/databases';
import { RunningTestApplication, startTestApplication } from '../../helpers/testApplication';

const STAFF = 'staff-token-aaaaaaaaaaaaaaaaaaaaaaaa';
const MANAGER = 'manager-token-bbbbbbbbbbbbbbbbbbbbbbbb';
const calendar = BusinessCalendar.fromDataFile();

const input: ComplaintInput = {
  name: 'Hélène Bélanger',
  contactMethod: 'phone',
  contactValue: '819 555-0177',
  service: 'ca-dotation-phone',
  description: 'Personne ne m’a rappelée après trois appels.',
};

describeEachDatabase('admin API: the officers’ workflow', (databases) => {
  let running: RunningTestApplication;
  const clock = fixedClock(calendar.instantAt('2026-10-06', 10, 0));
  const refs: string[] = [];
  let incident: string;

  beforeAll(async () => {
    running = await startTestApplication(
      { ADMIN_TOKENS: `staff:alice:${STAFF}:alice@exemple.gouv.qc.ca,manager:bob:${MANAGER}` },
      { clock, databaseUrl: await databases.url() },
    );
    const complaints = running.app.services.complaints;
    refs.push((await complaints.create(input, { submissionId: 'a-1' })).complaint.reference);
    refs.push((await complaints.create({ ...input, name: 'Jean Tremblay', contactMethod: 'email', contactValue: 'jean@exemple.ca' }, { submissionId: 'a-2' })).complaint.reference);
    incident = (await running.app.services.examIncidents.report({ examInProgress: false, problemKind: 'timer' }, { submissionId: 'x-1' })).incident.reference;
    clock.set(calendar.instantAt('2026-10-07', 9, 0));
  });
  afterAll(async () => {
    await running.close();
  });

  const call = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(`${running.botUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const references = (body: Record<string, any>) => (body.items as Array<{ reference: string }>).map((i) => i.reference); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('lists the staff for the assignment list: names and roles, no e-mail or token', async () => {
    const { status, body } = await call('/api/admin/staff', STAFF);
    expect(status).toBe(200);
    expect(body).toEqual({ items: [{ name: 'alice', role: 'staff' }, { name: 'bob', role: 'manager' }] });
  });

  it('assigns under the token’s name, filters « mes plaintes » and the unassigned ones, and refuses unknown officers', async () => {
    const assigned = await call(`/api/admin/complaints/${refs[0]}/assign`, MANAGER, { officer: 'Alice' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ assignedTo: 'alice', contactDisplay: '819\u00a0555-0177', contactValue: '+18195550177' });
    expect(assigned.body.history.at(-1)).toMatchObject({ type: 'assigned', actor: 'bob', assignee: 'alice', previousAssignee: null });
    expect(references((await call('/api/admin/complaints?assignedTo=me', STAFF)).body)).toEqual([refs[0]]);
    expect(references((await call('/api/admin/complaints?assignedTo=me', MANAGER)).body)).toEqual([]);
    expect(references((await call('/api/admin/complaints?unassigned=true', STAFF)).body)).toEqual([refs[1]]);
    expect((await call('/api/admin/complaints?unassigned=true&assignedTo=me', STAFF)).status).toBe(400);
    const unknown = await call(`/api/admin/complaints/${refs[1]}/assign`, STAFF, { officer: 'carole' });
    expect(unknown).toEqual({ status: 400, body: { error: { code: 'UnknownOfficer', message: 'No staff member of ADMIN_TOKENS has this name.' } } });
    expect((await call(`/api/admin/complaints/${refs[1]}/assign`, STAFF, { officer: 'me' })).body.assignedTo).toBe('alice');
    expect((await call(`/api/admin/complaints/${refs[1]}/assign`, STAFF, { officer: null, note: 'Retour à l’équipe' })).body).toMatchObject({ assignedTo: null });
    expect((await call(`/api/admin/complaints/${refs[1]}/assign`, STAFF, { officer: 42 })).status).toBe(400);
    expect((await call(`/api/admin/complaints/${refs[1]}/assign`, STAFF, {})).status).toBe(400);
    expect((await call('/api/admin/complaints/PL-2026-999999/assign', STAFF, { officer: 'me' })).status).toBe(404);
  });

  it('searches and accepts the French status names', async () => {
    expect(references((await call(`/api/admin/complaints?q=${encodeURIComponent('helene belanger')}`, STAFF)).body)).toEqual([refs[0]]);
    expect(references((await call(`/api/admin/complaints?q=${encodeURIComponent('819 555-0177')}`, STAFF)).body)).toEqual([refs[0]]);
    expect(references((await call(`/api/admin/complaints?q=${encodeURIComponent(refs[1].toLowerCase())}`, STAFF)).body)).toEqual([refs[1]]);
    expect((await call('/api/admin/complaints?q=%25%25', STAFF)).status).toBe(400);
    expect((await call(`/api/admin/complaints?q=${'a'.repeat(201)}`, STAFF)).status).toBe(400);
    expect(references((await call(`/api/admin/complaints?status=${encodeURIComponent('Reçue,prise en charge')}`, STAFF)).body)).toEqual(refs);
    const bad = await call('/api/admin/complaints?status=ouverte', STAFF);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('unknown status "ouverte"');
  });

  it('records contact attempts: a message left keeps the clock running, a person reached stops it', async () => {
    const left = await call(`/api/admin/complaints/${refs[0]}/contact-attempts`, STAFF, { channel: 'phone', result: 'leftMessage', note: 'Boîte vocale' });
    expect(left.status).toBe(201);
    expect(left.body).toMatchObject({ status: 'received', firstContactAt: null });
    expect(left.body.clocks.firstContact.state).not.toBe('met');
    expect(left.body.history.at(-1)).toMatchObject({ type: 'contact_attempt', actor: 'alice', contactChannel: 'phone', contactResult: 'leftMessage' });
    const reached = await call(`/api/admin/complaints/${refs[0]}/contact-attempts`, STAFF, { channel: 'email', result: 'reached' });
    expect(reached.body).toMatchObject({ status: 'contacted', firstContactBusinessDays: 1 });
    expect(reached.body.clocks.firstContact.state).toBe('met');
    expect((await call(`/api/admin/complaints/${refs[0]}/contact-attempts`, STAFF, { channel: 'fax', result: 'reached' })).status).toBe(400);
    expect((await call(`/api/admin/complaints/${refs[0]}/contact-attempts`, STAFF, { channel: 'phone' })).status).toBe(400);
    const future = await call(`/api/admin/complaints/${refs[0]}/contact-attempts`, STAFF, { channel: 'phone', result: 'reached', at: '2099-01-01T10:00:00-05:00' });
    expect(future.status).toBe(400);
  });

  it('closes with the outcome, requiring the corrective measures of a founded complaint', async () => {
    await call(`/api/admin/complaints/${refs[0]}/answer`, STAFF, {});
    expect((await call(`/api/admin/complaints/${refs[0]}/close`, STAFF, {})).status).toBe(400);
    const noMeasures = await call(`/api/admin/complaints/${refs[0]}/close`, STAFF, { outcome: 'founded' });
    expect(noMeasures.status).toBe(400);
    expect(noMeasures.body.error.message).toContain('correctiveMeasures');
    const closed = await call(`/api/admin/complaints/${refs[0]}/close`, STAFF, { outcome: 'founded', correctiveMeasures: 'Rappel des délais' });
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'founded', correctiveMeasures: 'Rappel des délais' });
    expect((await call(`/api/admin/complaints/${refs[1]}/close`, STAFF, { outcome: 'unfounded' })).status).toBe(409);
    const stats = await call('/api/admin/stats?period=2026-10', MANAGER);
    expect(stats.body.complaints.outcomes).toEqual({ founded: 1, partlyFounded: 0, unfounded: 0, unspecified: 0 });
    // The same figures as a table managers open in Excel: French labels, the decimal comma with « ; ».
    const exported = await fetch(`${running.botUrl}/api/admin/exports/statistics?period=2026-10&section=outcomes&delimiter=semicolon`, {
      headers: { Authorization: `Bearer ${MANAGER}` },
    });
    const lines = (await exported.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Conclusion;Code;Plaintes fermées;Part (%);Avec mesures correctives;Part avec mesures correctives (%)');
    expect(lines).toContain('fondée;founded;1;100;1;100');
    expect(lines).toContain('non fondée;unfounded;0;0;0;');
    expect(stats.body.complaints.correctiveMeasures).toMatchObject({ total: 1, byOutcome: { founded: 1, partlyFounded: 0, unfounded: 0, unspecified: 0 } });
    expect(stats.body.complaints.correctiveMeasures.items).toEqual([expect.objectContaining({ reference: refs[0], outcome: 'founded', text: 'Rappel des délais' })]);
  });

  it('handles an exam incident: taken in charge, resolved with a note, listed by status and by who took it', async () => {
    expect((await call(`/api/admin/incidents?status=open`, STAFF)).body.items).toEqual([expect.objectContaining({ reference: incident, status: 'open' })]);
    const taken = await call(`/api/admin/incidents/${incident}/take`, STAFF, {});
    expect(taken.body).toMatchObject({ status: 'inProgress', assignedTo: 'alice' });
    expect((await call(`/api/admin/incidents/${incident}/take`, MANAGER, {})).status).toBe(409);
    expect(references((await call('/api/admin/incidents?assignedTo=me', STAFF)).body)).toEqual([incident]);
    expect((await call(`/api/admin/incidents/${incident}/resolve`, STAFF, {})).status).toBe(400);
    const resolved = await call(`/api/admin/incidents/${incident}/resolve`, STAFF, { note: 'Temps ajouté, joint au 418 555-0199' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    expect(resolved.body.history.map((e: { type: string; note: string | null }) => [e.type, e.note])).toEqual([
      ['taken', null],
      ['resolved', 'Temps ajouté, joint au [téléphone]'],
    ]);
    expect((await call(`/api/admin/incidents/${incident}/notes`, MANAGER, { note: 'Vérifié' })).status).toBe(201);
    expect((await call('/api/admin/incidents/EX-2026-999999', STAFF)).status).toBe(404);
    expect((await call('/api/admin/incidents/n-importe', STAFF)).status).toBe(400);
    expect((await call('/api/admin/incidents?status=ferme', STAFF)).status).toBe(400);
    expect((await call(`/api/admin/incidents/${incident}/take`, STAFF, { note: 'x'.repeat(2001) })).status).toBe(400);
  });

  it('answers 401 without a token on the new routes', async () => {
    for (const path of ['/api/admin/staff', '/api/admin/incidents', `/api/admin/incidents/${incident}`]) {
      expect((await fetch(`${running.botUrl}${path}`)).status).toBe(401);
    }
    expect((await fetch(`${running.botUrl}/api/admin/complaints/${refs[0]}/assign`, { method: 'POST' })).status).toBe(401);
  });
});
