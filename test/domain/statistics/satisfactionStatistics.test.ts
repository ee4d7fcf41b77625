import { Readable } from 'node:stream';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { fixedClock } from '../../../domain/clock';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { ComplaintService } from '../../../domain/complaints/complaintService';
import { Database, openDatabase } from '../../../domain/db/database';
import { statisticsTable } from '../../../domain/exports/statisticsExport';
import { csvExport, jsonExport } from '../../../domain/exports/tabularExport';
import { translator } from '../../../domain/i18n';
import { publicInformationMasker } from '../../../domain/privacy/publicMasker';
import { commitments, commitmentsView } from '../../../domain/satisfaction/commitments';
import { SatisfactionRepository } from '../../../domain/satisfaction/satisfactionRepository';
import { SatisfactionService } from '../../../domain/satisfaction/satisfactionService';
import { maskForManagers } from '../../../domain/privacy/managerText';
import { StatisticsService } from '../../../domain/statistics/statisticsService';
import { describeEachDatabase } from '../../helpers/databases';

const calendar = BusinessCalendar.fromDataFile();

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
  return out;
}

describeEachDatabase('satisfaction statistics', (databases) => {
  let db: Database;
  const clock = fixedClock(calendar.instantAt('2026-10-20', 10, 0));
  let statistics: StatisticsService;
  let satisfaction: SatisfactionService;

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    const complaints = new ComplaintService(new ComplaintRepository(db), calendar, clock);
    satisfaction = new SatisfactionService(new SatisfactionRepository(db), complaints, clock, publicInformationMasker());
    statistics = new StatisticsService(db, calendar, clock);
    const input = { name: 'Luc Gagnon', contactMethod: 'email', contactValue: 'luc@exemple.ca', service: 'ca-dotation-email', description: 'Pas de réponse.' } as const;

    // September: two chats on the hours (5 and 4), one on an exam problem (2).
    clock.set(calendar.instantAt('2026-09-30', 23, 30)); // still September in Québec (already October in UTC)
    await satisfaction.rateConversation({ topic: 'hours', rating: 5, conversationId: 's1' });
    const commented = await satisfaction.rateConversation({ topic: 'hours', rating: 4, conversationId: 's2' });
    expect(await satisfaction.commentConversation(commented, 's2', 'Très clair, merci! Marie Tremblay 1985-03-12')).toBe(true);
    expect(await satisfaction.commentConversation(commented, 's2', 'Un second commentaire')).toBe(false); // once
    expect(await satisfaction.commentConversation(commented, 'another-conversation', 'Pas le mien')).toBe(false);
    await satisfaction.rateConversation({ topic: 'exam-problem', rating: 2, conversationId: 's3' });
    // October: one closed complaint rated 3, once.
    clock.set(calendar.instantAt('2026-10-01', 9, 0));
    const { complaint } = await complaints.create(input, { submissionId: 'stat-1' });
    expect(await satisfaction.rateComplaint({ reference: complaint.reference, rating: 3 })).toBe('notClosed');
    await complaints.recordAnswer(complaint.reference, { actor: 'bob' });
    await complaints.close(complaint.reference, { actor: 'bob' });
    expect(await satisfaction.complaintSurvey(complaint.reference)).toBe('open');
    expect(await satisfaction.rateComplaint({ reference: complaint.reference, rating: 3 })).toMatchObject({ recorded: true });
    expect(await satisfaction.rateComplaint({ reference: complaint.reference, rating: 5 })).toBe('alreadyRated');
    expect(await satisfaction.rateComplaint({ reference: 'PL-2026-999999', rating: 5 })).toBe('unknown');
    clock.set(calendar.instantAt('2026-10-20', 10, 0));
  });
  afterAll(() => db.destroy());

  it('gives the rates by month, by source and by service, cut at midnight in Québec, beside no invented target', async () => {
    const report = await statistics.report(statistics.periods.fiscalYear('2026-2027'));
    const s = report.satisfaction;
    expect(s.targetPercent).toBeNull();
    expect(s.satisfiedFrom).toBe(4);
    expect(s.totals).toMatchObject({ responses: 4, satisfied: 2, neutral: 1, dissatisfied: 1, percentSatisfied: 50, meanRating: 3.5, distribution: [0, 1, 1, 1, 1], comments: 1 });
    const month = (label: string) => s.byMonth.find((m) => m.label === label)?.figures;
    expect(month('2026-09')).toMatchObject({ responses: 3, satisfied: 2, percentSatisfied: 66.7, meanRating: 3.7 });
    expect(month('2026-10')).toMatchObject({ responses: 1, satisfied: 0, percentSatisfied: 0, meanRating: 3 });
    expect(month('2026-11')).toBeUndefined(); // not started yet
    expect(s.bySource.map((b) => [b.source, b.figures.responses])).toEqual([
      ['conversation', 3],
      ['complaint', 1],
    ]);
    expect(s.byService.map((b) => [b.source, b.service, b.figures.responses, b.figures.percentSatisfied])).toEqual([
      ['conversation', 'hours', 2, 100],
      ['conversation', 'exam-problem', 1, 0],
      ['complaint', 'ca-dotation-email', 1, 0],
    ]);
    // The comment was masked when stored, and is masked again, more strictly, for managers.
    expect(await db('satisfaction_ratings').whereNotNull('comment').pluck('comment')).toEqual(['Très clair, merci! Marie Tremblay 1985-03-12']);
    expect(s.comments.map((c) => c.text)).toEqual(['Très clair, merci! [nom] [date]']);
  });

  it('exports the satisfaction table with the decimal comma for « ; », the commitment and no figure the seeds do not publish', async () => {
    const report = await statistics.report(statistics.periods.fiscalYear('2026-2027'));
    const t = translator('fr');
    const table = statisticsTable(report, 'satisfaction', t, 'fr');
    const csv = await text(csvExport(table.rows, table.columns, { delimiter: ';' }));
    const [header, period] = csv.slice(1).split('\r\n');
    const september = csv.split('\r\n').find((line) => line.includes(';2026-09-01;'));
    expect(header.split(';')).toEqual(
      expect.arrayContaining(['Taux de satisfaction (%)', 'Note moyenne (sur 5)', 'Cible publiée (%)', 'Engagements de la déclaration de services']),
    );
    expect(period).toContain(';50;3,5;0;1;1;1;1;1;;');
    expect(period).toContain('ne fixe aucune cible de satisfaction chiffrée');
    expect(september).toContain('Mois;;2026-09;2026-09;2026-09-01;2026-09-30;3;2;0;1;66,7;3,7;');
    const comma = await text(csvExport(table.rows, table.columns, { delimiter: ',' }));
    expect(comma).toContain(',66.7,3.7,');
    const json = JSON.parse(await text(jsonExport(table.rows, table.columns))) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ scope: 'Période', percentSatisfied: 50, meanRating: 3.5, targetPercent: null });
    const service = json.find((r) => r.key === 'hours');
    expect(service).toMatchObject({ scope: 'Service', source: 'conversation', label: "Heures d'ouverture" });
  });
});

describe('the commitments beside the rates', () => {
  it('quote the declaration, name its documents, and publish no satisfaction target', () => {
    expect(commitments().satisfaction.targetPercent).toBeNull();
    const fr = commitmentsView('fr');
    expect(fr.items[0]).toBe('un service respectueux, fiable et diligent;');
    expect(fr.noTarget).toContain('ne fixe aucune cible de satisfaction chiffrée');
    expect(fr.sources.map((s) => s.document)).toContain('Déclaration de services aux citoyennes et aux citoyens du ministère de la Cybersécurité et du Numérique (2022)');
    expect(JSON.stringify(fr)).not.toMatch(/seed|000_|\.txt/);
    expect(commitmentsView('en').items[0]).toBe('respectful, reliable and diligent service;');
  });
});

describe('free text shown to managers', () => {
  it('masks names without a cue, full dates and long numbers, and keeps the question readable', () => {
    expect(maskForManagers('Je suis Marie Tremblay, née le 12 mars 1985')).toBe('Je suis [nom], née le [date de naissance]');
    expect(maskForManagers("c'est Luc Gagnon, mon dossier 1234567")).toBe("c'est [nom], mon dossier [numéro]");
    expect(maskForManagers('Jean-François Côté 1980-01-02 dossier')).toBe('[nom] [date] dossier');
    expect(maskForManagers('Comment postuler sur Portail Carrières?')).toBe('Comment postuler sur Portail Carrières?');
    expect(maskForManagers('heures douverture le 24 décembre')).toBe('heures douverture le 24 décembre');
  });
});
