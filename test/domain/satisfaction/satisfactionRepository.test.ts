import { Database, openDatabase } from '../../../domain/db/database';
import { SatisfactionRepository } from '../../../domain/satisfaction/satisfactionRepository';
import { surveyToken, surveyUrl, verifySurveyToken } from '../../../domain/satisfaction/surveyLink';
import { describeEachDatabase } from '../../helpers/databases';

const KEY = 'une-cle-de-test-assez-longue';

describeEachDatabase('SatisfactionRepository', (databases) => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(await databases.url());
  });
  afterAll(() => db.destroy());

  it('keeps one rating per closed complaint, and any number per conversation', async () => {
    const repository = new SatisfactionRepository(db);
    const ratedAt = new Date();
    const complaint = { source: 'complaint', service: 'ca-dotation-phone', rating: 4, ratedAt, complaintReference: 'PL-2026-000001' } as const;
    expect(await repository.record(complaint)).toBe(true);
    expect(await repository.record({ ...complaint, rating: 1 })).toBe(false);
    expect(await repository.hasComplaintRating('PL-2026-000001')).toBe(true);
    expect(await repository.hasComplaintRating('PL-2026-000002')).toBe(false);
    const chat = { source: 'conversation', service: 'hours', rating: 5, ratedAt, conversationId: 'c1' } as const;
    expect(await repository.record(chat)).toBe(true);
    expect(await repository.record(chat)).toBe(true);
    const rows = await db('satisfaction_ratings').select('rating', 'source').orderBy('id');
    expect(rows.map((r: { rating: number }) => Number(r.rating))).toEqual([4, 5, 5]);
  });
});

describe('survey links', () => {
  it('signs the reference, and refuses another key, another reference or an altered signature', () => {
    const token = surveyToken('PL-2026-000123', KEY);
    expect(verifySurveyToken(token, KEY)).toBe('PL-2026-000123');
    expect(verifySurveyToken(token, 'une-autre-cle-de-test-longue')).toBeUndefined();
    expect(verifySurveyToken(token.replace('000123', '000124'), KEY)).toBeUndefined();
    expect(verifySurveyToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, KEY)).toBeUndefined();
    expect(verifySurveyToken('<script>', KEY)).toBeUndefined();
    expect(surveyUrl('https://assistant.example.ca/', 'PL-2026-000123', KEY)).toBe(`https://assistant.example.ca/satisfaction/${token}`);
  });
});
