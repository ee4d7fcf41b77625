import { Readable, Writable } from 'node:stream';
import { BusinessCalendar } from '../../../domain/calendar/businessCalendar';
import { ComplaintRepository } from '../../../domain/complaints/complaintRepository';
import { Database, openDatabase } from '../../../domain/db/database';
import { complaintColumns, incidentColumns, IsoLocalFormatter } from '../../../domain/exports/exportColumns';
import { formatIsoLocal } from '../../../domain/format/dates';
import { csvExport, ExportColumn, jsonExport, neutralizeFormula } from '../../../domain/exports/tabularExport';
import { translator } from '../../../domain/i18n';
import { describeEachDatabase } from '../../helpers/databases';
import { insertComplaints } from '../../helpers/complaintRows';

interface Row {
  text: string | null;
  n?: number | null;
  flag?: boolean;
}

const columns: ExportColumn<Row>[] = [
  { key: 'text', header: 'Texte', value: (r) => r.text },
  { key: 'n', header: 'Nombre', value: (r) => r.n },
  { key: 'flag', header: 'Drapeau', value: (r) => r.flag },
];

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The CSV text after the BOM, as records (the last CRLF ends the last record). */
async function csvText(rows: Row[], delimiter?: ',' | ';'): Promise<string> {
  const bytes = await collect(csvExport(rows, columns, { delimiter }));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

describe('CSV export', () => {
  it('starts with a UTF-8 BOM and French headers, ends records with CRLF, keeps accents', async () => {
    const text = await csvText([{ text: 'Élève à Montréal, « ça »', n: 3, flag: true }]);
    expect(text).toBe('Texte,Nombre,Drapeau\r\n"Élève à Montréal, « ça »",3,oui\r\n');
  });

  it('writes only the header (after the BOM) when there is nothing to export', async () => {
    expect(await csvText([])).toBe('Texte,Nombre,Drapeau\r\n');
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['=HYPERLINK("http://exemple.com","clic")', `"'=HYPERLINK(""http://exemple.com"",""clic"")"`],
    ['+A1', "'+A1"],
    ['-2+3', "'-2+3"],
    ["-2+3*cmd|' /C calc'!A0", "'-2+3*cmd|' /C calc'!A0"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+2', "' =1+2"], // the tab becomes a space, the formula behind it is still neutralized
    ['\r=1+2', `"'\r=1+2"`],
    ['\r\n@SUM(A1)', `"'\r\n@SUM(A1)"`],
    [' =1+2', "' =1+2"],
    ['＝1+2', "'＝1+2"], // full-width forms, which some spreadsheets fold to ASCII
    ['＋A1', "'＋A1"],
    ['－A1', "'－A1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
  ])('neutralizes the formula %j', async (value, cell) => {
    expect(await csvText([{ text: value }])).toBe(`Texte,Nombre,Drapeau\r\n${cell},,\r\n`);
  });

  it.each([
    ['+18195550177', '+18195550177'],
    ['+1 819 555-0177', '+1 819 555-0177'],
    ['+1 (819) 555-0177', '+1 (819) 555-0177'],
    ['+33 1 23 45 67 89', '+33 1 23 45 67 89'],
    ['-3', '-3'],
    ['-2.5', '-2.5'],
    ['-3,5', '"-3,5"'],
    ['\tcmd', ' cmd'],
    ['\rcmd', '"\rcmd"'],
    ['a=1', 'a=1'],
    ['courriel@exemple.qc.ca', 'courriel@exemple.qc.ca'],
    ['', ''],
  ])('leaves %j as typed: a number, a phone number or text, not a formula', async (value, cell) => {
    expect(await csvText([{ text: value }])).toBe(`Texte,Nombre,Drapeau\r\n${cell},,\r\n`);
  });

  it.each([
    ['a\u0000b', 'a\ufffdb'],
    ['a\u001bb', 'a\ufffdb'], // ESC: a terminal escape sequence would start here
    ['a\u0007\u0008\u000b\u000cb', 'a\ufffd\ufffd\ufffd\ufffdb'],
    ['a\u007fb', 'a\ufffdb'],
    ['a\u0085\u009bb', 'a\ufffd\ufffdb'], // C1 controls (NEL, CSI)
    ['a\u202eb', 'a\ufffdb'], // right-to-left override
    ['\u202a\u202b\u202c\u202d', '\ufffd\ufffd\ufffd\ufffd'],
    ['\u2066\u2067\u2068\u2069', '\ufffd\ufffd\ufffd\ufffd'],
    ['a\tb', 'a b'],
    ['\u0000=1+2', "'\ufffd=1+2"],
  ])('never writes a control character raw: %j', async (value, cell) => {
    expect(await csvText([{ text: value }])).toBe(`Texte,Nombre,Drapeau\r\n${cell},,\r\n`);
  });

  it('keeps the text of a tab-separated export in its columns', async () => {
    const bytes = await collect(csvExport([{ text: 'a\tb', n: 1 }], columns, { delimiter: '\t' }));
    expect(bytes.subarray(3).toString('utf8')).toBe('Texte\tNombre\tDrapeau\r\na b\t1\t\r\n');
  });

  it('keeps numbers as numbers, negative ones included', async () => {
    expect(await csvText([{ text: 'x', n: -2.5 }])).toBe('Texte,Nombre,Drapeau\r\nx,-2.5,\r\n');
  });

  it('quotes fields holding the delimiter, a quote or a line break (RFC 4180)', async () => {
    const text = await csvText([
      { text: 'a,b' },
      { text: 'il a dit "bonjour"' },
      { text: 'ligne 1\nligne 2' },
      { text: 'ligne 1\r\nligne 2' },
      { text: 'a;b' },
    ]);
    expect(text.split('\r\n').slice(1, -1)).toEqual(['"a,b",,', '"il a dit ""bonjour""",,', '"ligne 1\nligne 2",,', '"ligne 1', 'ligne 2",,', 'a;b,,']);
  });

  it('uses a semicolon for Excel in French, quoting semicolons instead of commas', async () => {
    const text = await csvText([{ text: 'a;b', n: 1 }, { text: 'a,b', n: 2 }, { text: '=x;y' }], ';');
    expect(text).toBe('Texte;Nombre;Drapeau\r\n"a;b";1;\r\na,b;2;\r\n"\'=x;y";;\r\n');
  });

  it('spells the rule out for text', () => {
    expect(['=', '+', '-', '@', '\t', '\r', 'A', ' =', '+A', '-A', '＝', '＋', '－', '＠'].map((c) => neutralizeFormula(`${c}1`))).toEqual([
      "'=1",
      '+1',
      '-1',
      "'@1",
      ' 1',
      '\r1',
      'A1',
      "' =1",
      "'+A1",
      "'-A1",
      "'＝1",
      "'＋1",
      "'－1",
      "'＠1",
    ]);
  });
});

describe('complaint export columns', () => {
  it('formats instants exactly like formatIsoLocal, across both changes of time', () => {
    const formatter = new IsoLocalFormatter();
    for (const start of ['2026-03-08T04:00:00Z', '2026-11-01T03:00:00Z', '2026-12-31T23:00:00Z']) {
      for (let minutes = 0; minutes < 8 * 60; minutes += 7) {
        const instant = new Date(Date.parse(start) + minutes * 60_000 + 999);
        expect(formatter.format(instant)).toBe(formatIsoLocal(instant));
      }
    }
    // 1:30 happens twice on Nov 1: once in daylight time, once in standard time.
    expect(formatter.format(new Date('2026-11-01T05:30:00Z'))).toBe('2026-11-01T01:30:00-04:00');
    expect(formatter.format(new Date('2026-11-01T06:30:00Z'))).toBe('2026-11-01T01:30:00-05:00');
  });

  it('carries French headers and the complaint text as typed, neutralized in CSV only', async () => {
    const t = translator('fr');
    const complaint = {
      id: 1,
      reference: 'PL-2026-000001',
      status: 'received',
      receivedAt: new Date('2026-11-23T15:00:00Z'),
      receivedDate: '2026-11-23',
      calendarVersion: 'v',
      firstContactDueDate: '2026-11-30',
      firstContactDueAt: new Date('2026-12-01T04:59:59.999Z'),
      answerDueDate: '2026-12-21',
      answerDueAt: new Date('2026-12-22T04:59:59.999Z'),
      name: '@Marie',
      contactMethod: 'email',
      contactValue: 'marie@exemple.ca',
      service: 'other',
      description: '=1+1',
      anonymized: false,
      updatedAt: new Date('2026-11-23T15:00:00Z'),
    } as const;
    const withoutPersonal = complaintColumns(t);
    expect(withoutPersonal.map((c) => c.key)).not.toEqual(expect.arrayContaining(['name', 'description', 'contactValue']));
    const cols = complaintColumns(t, { includePersonal: true });
    const csv = (await collect(csvExport([complaint], cols))).toString('utf8');
    expect(csv).toContain('Référence,Code du statut,Statut');
    expect(csv).toContain('PL-2026-000001,received,reçue,other,Autre,2026-11-23T10:00:00-05:00,2026-11-30,,,,2026-12-21');
    expect(csv).toContain(",'@Marie,marie@exemple.ca,'=1+1,");
    const json = JSON.parse((await collect(jsonExport([complaint], cols))).toString('utf8')) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({
      reference: 'PL-2026-000001',
      name: '@Marie',
      description: '=1+1',
      receivedAt: '2026-11-23T10:00:00-05:00',
      firstContactOnTime: null,
    });
  });

  it('reports who holds each complaint, its outcome in French and the corrective measures taken', async () => {
    const t = translator('fr');
    const closed = {
      id: 2,
      reference: 'PL-2026-000002',
      status: 'closed',
      receivedAt: new Date('2026-11-23T15:00:00Z'),
      receivedDate: '2026-11-23',
      calendarVersion: 'v',
      firstContactDueDate: '2026-11-30',
      firstContactDueAt: new Date('2026-12-01T04:59:59.999Z'),
      answerDueDate: '2026-12-21',
      answerDueAt: new Date('2026-12-22T04:59:59.999Z'),
      name: 'Marie',
      contactMethod: 'email',
      contactValue: 'marie@exemple.ca',
      service: 'other',
      description: 'x',
      anonymized: false,
      updatedAt: new Date('2026-11-23T15:00:00Z'),
      assignedTo: 'alice',
      outcome: 'partlyFounded',
      correctiveMeasures: '-Rappel des délais; =formation',
    } as const;
    const columns = complaintColumns(t);
    const [header, row] = (await collect(csvExport([closed], columns, { delimiter: ';' }))).toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(';').slice(-4)).toEqual(['Assignée à', 'Code de la conclusion', 'Conclusion', 'Mesures correctives']);
    expect(row.split(';').slice(-5)).toEqual(['alice', 'partlyFounded', 'partiellement fondée', `"'-Rappel des délais`, ` =formation"`]);
    const json = JSON.parse((await collect(jsonExport([closed], columns))).toString('utf8')) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ assignedTo: 'alice', outcome: 'partlyFounded', outcomeLabel: 'partiellement fondée', correctiveMeasures: '-Rappel des délais; =formation' });
    expect(json[0]).not.toHaveProperty('name');
  });

  it('names the incidents\' kind, priority, route and status in French beside their codes, with who took them', async () => {
    const incident = {
      id: 1,
      reference: 'EX-2026-000001',
      submissionId: 's',
      createdAt: new Date('2026-11-23T15:00:00Z'),
      examInProgress: true,
      problemKind: 'frozen',
      priority: 'urgent',
      route: 'phone-now',
      centreOpen: true,
      status: 'inProgress',
      assignedTo: 'alice',
      takenAt: new Date('2026-11-23T15:30:00Z'),
      calendarVersion: 'v',
    } as const;
    const csv = (await collect(csvExport([incident], incidentColumns(translator('fr')), { delimiter: ';' }))).toString('utf8');
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    const cells = Object.fromEntries(header.split(';').map((h, i) => [h, row.split(';')[i]]));
    expect(cells).toMatchObject({
      'Type de problème': 'Page figée ou qui ne se charge pas',
      'Code de la priorité': 'urgent',
      Priorité: 'urgente',
      Orientation: 'Appeler maintenant (Centre ouvert)',
      'Code du statut': 'inProgress',
      Statut: 'pris en charge',
      'Pris en charge par': 'alice',
      'Pris en charge le': '2026-11-23T10:30:00-05:00',
      'Résolu le': '',
    });
  });
});

/** Rows made on demand; `produced` says how far the export has read. */
function generated(total: number): { rows: AsyncIterable<Row>; produced: () => number; finished: () => boolean } {
  let produced = 0;
  let finished = false;
  async function* rows(): AsyncIterable<Row> {
    try {
      for (let i = 0; i < total; i += 1) {
        produced += 1;
        yield { text: `ligne ${i}`, n: i, flag: i % 2 === 0 };
      }
    } finally {
      finished = true;
    }
  }
  return { rows: rows(), produced: () => produced, finished: () => finished };
}

/** A writable that counts records and, at every write, how far the source is ahead of what it received. */
class LagMeter extends Writable {
  records = 0;
  maxLag = 0;

  constructor(
    private readonly source: { produced: () => number },
    private readonly separator: string,
  ) {
    super({ highWaterMark: 1024 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.records += chunk.toString('utf8').split(this.separator).length - 1;
    this.maxLag = Math.max(this.maxLag, this.source.produced() - this.records);
    // Yield to the event loop before taking more, like a slow network client would.
    setImmediate(callback);
  }
}

describe('export streams do not buffer', () => {
  it('reads a million-row source only as far as the consumer has taken, and stops it when the consumer goes away', async () => {
    const source = generated(1_000_000);
    const stream = csvExport(source.rows, columns);
    let received = 0;
    for await (const chunk of stream) {
      received += (chunk as Buffer).length;
      if (received > 64 * 1024) break;
    }
    expect(source.produced()).toBeLessThan(20_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.finished()).toBe(true);
  });

  it('keeps the CSV source a bounded number of rows ahead of a slow consumer, to the last row', async () => {
    const total = 100_000;
    const source = generated(total);
    const sink = new LagMeter(source, '\r\n');
    await new Promise<void>((resolve, reject) => csvExport(source.rows, columns).pipe(sink).on('finish', resolve).on('error', reject));
    expect(sink.records).toBe(total + 1); // header + rows
    expect(sink.maxLag).toBeLessThan(5_000);
  });

  it('does the same for JSON', async () => {
    const total = 100_000;
    const source = generated(total);
    const sink = new LagMeter(source, '\n');
    await new Promise<void>((resolve, reject) => jsonExport(source.rows, columns).pipe(sink).on('finish', resolve).on('error', reject));
    expect(sink.records).toBe(total + 2); // the lines of "[", of each row and of "]"
    expect(sink.maxLag).toBeLessThan(5_000);
  });

  it('keeps values as they are in JSON, control characters escaped', async () => {
    const value = '=1+2 +1 819 555-0177 \u0000\u001b[31m\t\r\n\u007f\u0085\u009b\u2028\u2029\u202e\u2066';
    const text = (await collect(jsonExport([{ text: value }], columns))).toString('utf8');
    expect(text).toContain('"=1+2 +1 819 555-0177 \\u0000\\u001b[31m\\t\\r\\n\\u007f\\u0085\\u009b\\u2028\\u2029\\u202e\\u2066"');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect((JSON.parse(text) as Row[])[0].text).toBe(value);
  });

  it('writes valid JSON, with an empty array when there is nothing', async () => {
    expect(JSON.parse((await collect(jsonExport([], columns))).toString())).toEqual([]);
    expect(JSON.parse((await collect(jsonExport([{ text: '"x"\n', n: null, flag: false }], columns))).toString())).toEqual([
      { text: '"x"\n', n: null, flag: false },
    ]);
  });
});

describeEachDatabase('ComplaintRepository.stream', (databases) => {
  const calendar = BusinessCalendar.fromDataFile();
  let db: Database;
  let repository: ComplaintRepository;

  beforeAll(async () => {
    db = await openDatabase(await databases.url());
    repository = new ComplaintRepository(db);
    // 1,234 complaints, several in the same second so the (received_at, id) cursor must break ties.
    await insertComplaints(db, calendar, { count: 1234, start: new Date('2026-09-01T12:00:00Z'), spacingMinutes: 0.005 });
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('reads pages in reception order, each page a bounded query, every complaint once', async () => {
    const limits: number[] = [];
    const listener = (query: { sql: string; bindings: unknown[] }) => {
      if (/from [`"]complaints[`"]/.test(query.sql) && /limit (\?|\$\d+)/.test(query.sql)) limits.push(Number(query.bindings[query.bindings.length - 1]));
    };
    db.on('query', listener);
    const seen: string[] = [];
    for await (const c of repository.stream({}, 100)) seen.push(c.reference);
    db.off('query', listener);
    expect(seen).toHaveLength(1234);
    expect(new Set(seen).size).toBe(1234);
    expect([...seen].sort()).toEqual(seen);
    expect(limits).toHaveLength(13);
    expect(Math.max(...limits)).toBe(100);
  });

  it('honours the filter, a limit and an offset', async () => {
    const all: string[] = [];
    for await (const c of repository.stream({ service: 'other' }, 50)) all.push(c.reference);
    const part: string[] = [];
    for await (const c of repository.stream({ service: 'other', offset: 10, limit: 75 }, 50)) part.push(c.reference);
    expect(all.length).toBeGreaterThan(150);
    expect(part).toEqual(all.slice(10, 85));
  });

  it('frees the database between pages: another query runs while an export is paused', async () => {
    const iterator = repository.stream({}, 100)[Symbol.asyncIterator]();
    await iterator.next(); // first page read, the export is now waiting for its consumer
    const [{ n }] = (await db('complaints').count({ n: '*' })) as Array<{ n: number }>;
    expect(Number(n)).toBe(1234);
    await iterator.return?.();
  });
});
