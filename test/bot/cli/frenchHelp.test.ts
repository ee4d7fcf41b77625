import { runCli } from '../../../bot/cli/runCli';
import { Capture } from '../../helpers/capture';
import { tempDatabaseUrl, tempDir } from '../../helpers/tempDir';

/** commander's own English words, none of which may reach a French reader. */
const ENGLISH = /\bUsage:|\bOptions:|\bCommands:|\bArguments:|display help|\bdefault:|\bchoices:|\berror:|Did you mean|\[command\]/;

describe('the command line speaks French, commander included', () => {
  const dir = tempDir();
  const env = { DATABASE_URL: tempDatabaseUrl(dir.path), LOG_LEVEL: 'silent' };
  afterAll(() => dir.cleanup());

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(argv, { stdout, stderr }, env);
    return { code, out: stdout.text, err: stderr.text };
  }

  it('prints every help page in French', async () => {
    for (const argv of [['--help'], ['help'], ['stats', '--help'], ['complaints', '--help'], ['complaints', 'list', '--help'], ['help', 'stats'], ['incidents', 'export', '--help']]) {
      const { code, out } = await cli(...argv);
      expect([argv.join(' '), code]).toEqual([argv.join(' '), 0]);
      expect([argv.join(' '), ENGLISH.exec(out)?.[0]]).toEqual([argv.join(' '), undefined]);
      expect(out).toContain('Utilisation\u00a0:');
      expect(out).toContain("-h, --help");
      expect(out).toContain("afficher l'aide de la commande");
    }
    const stats = (await cli('stats', '--help')).out;
    expect(stats).toContain('Options\u00a0:');
    expect(stats).toContain('table (par défaut), csv ou json\n');
    // Joined where commander wraps a long description.
    expect(stats.replace(/\n\s+/g, ' ')).toContain('(par défaut\u00a0: complaints)');
    expect((await cli('--help')).out).toContain('Commandes\u00a0:');
  });

  it('names every placeholder in French on every help page, and never breaks a line inside « »', async () => {
    const english = /<(?:reference|officer|name|text|statuses|key|lang|file|path|char|when|iso|years|month|kind|route|result|outcome|channel|number|command)(?:\.\.\.)?>|\[command\]/;
    const pages: string[][] = [[]];
    let visited = 0;
    for (let next = pages.shift(); next; next = pages.shift()) {
      const { code, out } = await cli(...next, '--help');
      visited++;
      expect([next.join(' '), code, english.exec(out)?.[0]]).toEqual([next.join(' '), 0, undefined]);
      expect([next.join(' '), /«\s*$|^\s*»/m.exec(out)?.[0]]).toEqual([next.join(' '), undefined]);
      const commands = out.split('Commandes\u00a0:\n')[1] ?? '';
      for (const line of commands.split('\n')) {
        const name = /^ {2}([a-z][a-z-]*)\b/.exec(line)?.[1];
        if (name && name !== 'help') pages.push([...next, name]);
      }
      const args = (out.split('Arguments\u00a0:\n')[1] ?? '').split('\n\n')[0];
      for (const line of args.split('\n')) expect([next.join(' '), /^ {2}(reference|officer|text)\b/.exec(line)?.[1]]).toEqual([next.join(' '), undefined]);
    }
    expect(visited).toBeGreaterThan(25);
    const assign = (await cli('complaints', 'assign', '--help')).out;
    expect(assign).toContain('Utilisation\u00a0: assistant complaints assign [options] <référence> <personne>');
    expect((await cli('complaints', 'show')).err).toContain('manquant «\u00a0référence\u00a0»');
  });

  it('explains usage errors in French, with the help after them', async () => {
    const unknownOption = await cli('stats', '--formt', 'csv');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain('erreur\u00a0: option inconnue «\u00a0--formt\u00a0»');
    expect(unknownOption.err).toContain('(Vouliez-vous dire --format?)');
    const unknownCommand = await cli('statistiques');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.err).toContain('erreur\u00a0: commande inconnue «\u00a0statistiques\u00a0»');
    const missing = await cli('complaints', 'show');
    expect(missing.err).toContain('erreur\u00a0: argument obligatoire manquant');
    const noValue = await cli('stats', '--format');
    expect(noValue.err).toContain("erreur\u00a0: l'option «\u00a0--format <format>\u00a0» attend une valeur");
    for (const r of [unknownOption, unknownCommand, missing, noValue]) expect(ENGLISH.exec(r.err)?.[0]).toBeUndefined();
  });

  it('keeps commander in English with --lang en', async () => {
    const { out } = await cli('stats', '--help', '--lang', 'en');
    expect(out).toContain('Usage:');
    expect(out).toContain('display help for command');
  });
});
