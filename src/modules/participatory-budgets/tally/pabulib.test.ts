import { describe, expect, it } from 'vitest';
import { approvalElectionFromPb, TallyInputError } from './election.ts';
import { forEachCsvRow, PabulibError, parsePabulib, writePabulib, type PbElection } from './pabulib.ts';
import { q, Rational } from './rational.ts';
import { HAS_SAMPLES, readSample, SAMPLES_MISSING, sampleFiles } from './tally.test-support.ts';

const SMALL = ['META', 'key;value', 'budget;10', 'vote_type;approval', 'PROJECTS', 'project_id;cost;name', '1;4;Uno', '2;6;Dos', 'VOTES', 'voter_id;vote', 'a;1,2', 'b;2'];

/** Parses SMALL with some lines replaced (1-based line numbers as in error messages). */
function parseWith(replace: Record<number, string>, extra: string[] = []): PbElection {
  const lines = SMALL.map((line, i) => replace[i + 1] ?? line);
  return parsePabulib([...lines, ...extra].join('\n'));
}

function errorOf(run: () => unknown): PabulibError {
  try {
    run();
  } catch (error) {
    if (error instanceof PabulibError) return error;
    throw error;
  }
  throw new Error('expected a PabulibError');
}

describe('parsePabulib', () => {
  it('reads the three sections, columns in order, costs as exact rationals', () => {
    const pb = parsePabulib(SMALL.join('\n'));
    expect(pb.meta).toEqual({ budget: '10', vote_type: 'approval' });
    expect(pb.projectColumns).toEqual(['project_id', 'cost', 'name']);
    expect(pb.projects).toEqual([
      { id: '1', cost: q(4), fields: { name: 'Uno' } },
      { id: '2', cost: q(6), fields: { name: 'Dos' } },
    ]);
    expect(pb.voteColumns).toEqual(['voter_id', 'vote']);
    expect(pb.votes).toEqual([
      { voterId: 'a', vote: ['1', '2'], fields: {} },
      { voterId: 'b', vote: ['2'], fields: {} },
    ]);
  });

  it('ignores a BOM, CRLF line ends and blank lines, and trims every field and id', () => {
    const text = `\ufeff${['META', 'key ; value ', ' budget ;  10 ', '', 'PROJECTS', 'project_id; cost;name', ' 1 ; 4 ;  Uno  ', '2;6;Dos', '   ', 'votes', 'voter_id; age ;vote', 'a; 34 ; 1 , 2', 'b;;2', ''].join('\r\n')}\r\n\r\n`;
    const pb = parsePabulib(text);
    expect(pb.meta).toEqual({ budget: '10' });
    expect(pb.projects.map((p) => [p.id, p.cost.toString(), p.fields.name])).toEqual([
      ['1', '4', 'Uno'],
      ['2', '6', 'Dos'],
    ]);
    expect(pb.voteColumns).toEqual(['voter_id', 'age', 'vote']);
    expect(pb.votes).toEqual([
      { voterId: 'a', vote: ['1', '2'], fields: { age: '34' } },
      { voterId: 'b', vote: ['2'], fields: { age: '' } },
    ]);
  });

  it('reads quoted fields with ";", doubled quotes and line breaks', () => {
    const pb = parseWith({ 7: '1;4;"Park; phase ""1"""', 8: '2;6;"Dos ""quoted"" name;\nsecond line"' });
    expect(pb.projects[0]!.fields.name).toBe('Park; phase "1"');
    expect(pb.projects[1]!.fields.name).toBe('Dos "quoted" name;\nsecond line');
    // The quoted line break counts: the vote after it is reported on its real line.
    const error = errorOf(() => parseWith({ 8: '2;6;"multi\nline"', 11: 'a;1,9' }));
    expect(error.line).toBe(12);
  });

  it('treats the line after META as data when it is not key;value (Warsaw files)', () => {
    const pb = parseWith({ 2: 'description;No header line here' });
    expect(pb.meta).toEqual({ description: 'No header line here', budget: '10', vote_type: 'approval' });
  });

  it('keeps an unquoted ";" inside a META value, and ignores trailing empty fields', () => {
    const pb = parseWith({ 3: 'budget;10;', 4: 'comment;a;b' });
    expect(pb.meta).toEqual({ budget: '10', comment: 'a;b' });
    expect(parsePabulib(writePabulib(pb)).meta).toEqual(pb.meta);
  });

  it('treats None as an absent value', () => {
    const pb = parseWith({ 3: 'budget;10', 4: 'comment;none', 6: 'project_id;cost;name;target', 7: '1;4;Uno;None', 8: '2;6;None;seniors' });
    expect(pb.meta).toEqual({ budget: '10' });
    expect(pb.projects[0]!.fields).toEqual({ name: 'Uno' });
    expect(pb.projects[1]!.fields).toEqual({ target: 'seniors' });
  });

  it('reads an empty ballot as a voter who approved nothing', () => {
    const pb = parseWith({}, ['c;']);
    expect(pb.votes[2]).toEqual({ voterId: 'c', vote: [], fields: {} });
  });

  it('accepts a decimal comma in a cost', () => {
    expect(parseWith({ 7: '1;"4,5";Uno' }).projects[0]!.cost).toEqual(q('4.5'));
  });

  it('reads points of cumulative / scoring ballots in ballot order', () => {
    const pb = parseWith({ 10: 'voter_id;vote;points', 11: 'a;2,1;3,2', 12: 'b;2;5' });
    expect(pb.votes.map((v) => [v.vote, v.points])).toEqual([
      [['2', '1'], ['3', '2']],
      [['2'], ['5']],
    ]);
    expect(errorOf(() => parseWith({ 10: 'voter_id;vote;points', 11: 'a;2,1;3' })).line).toBe(11);
  });

  it('rejects a vote for an unknown project, naming the line', () => {
    const error = errorOf(() => parseWith({ 12: 'b;2,7' }));
    expect(error.line).toBe(12);
    expect(error.message).toBe('línea / line 12: proyecto desconocido «7» en el voto de «b» / unknown project «7» in the vote of «b»');
  });

  it('rejects the same project twice in one ballot', () => {
    const error = errorOf(() => parseWith({ 11: 'a;1,2, 1' }));
    expect(error.line).toBe(11);
    expect(error.en).toBe('project «1» appears twice in the vote of «a»');
  });

  it('rejects duplicate ids, bad costs, missing columns and data outside sections', () => {
    expect(errorOf(() => parseWith({ 8: '1;6;Dos' })).en).toBe('repeated project_id «1»');
    expect(errorOf(() => parseWith({ 12: 'a;2' })).en).toBe('repeated voter_id «a»');
    expect(errorOf(() => parseWith({ 7: '1;1e3;Uno' })).en).toBe('invalid cost «1e3» of project «1»');
    expect(errorOf(() => parseWith({ 7: '1;-4;Uno' })).en).toBe('negative cost of project «1»');
    expect(errorOf(() => parseWith({ 6: 'project_id;name;x' })).en).toBe('missing column «cost»');
    expect(errorOf(() => parseWith({ 10: 'voter_id;ballot' })).en).toBe('missing column «vote»');
    expect(errorOf(() => parseWith({ 7: '1;4;Uno;extra' })).en).toBe('more fields (4) than columns (3)');
    expect(errorOf(() => parsePabulib('budget;10\nMETA')).en).toBe('data before the META section');
    expect(errorOf(() => parsePabulib('META\nkey;value\nbudget;1\n')).en).toBe('missing PROJECTS section');
    expect(errorOf(() => parseWith({ 8: '"2;6;Dos' })).en).toBe('unterminated quoted field');
    // Trailing empty fields are tolerated (some writers end rows with ";").
    expect(parseWith({ 7: '1;4;Uno;;' }).projects[0]!.fields.name).toBe('Uno');
  });
});

describe('writePabulib', () => {
  it('quotes fields with ";", quotes and line breaks, and writes absent values as None', () => {
    const pb = parseWith({ 6: 'project_id;cost;name;target', 7: '1;4;"a;b";None', 8: '2;6;"say ""hi""\nnow";x' });
    const text = writePabulib(pb);
    expect(text).toContain('\n1;4;"a;b";None\n');
    expect(text).toContain('\n2;6;"say ""hi""\nnow";x\n');
    expect(text.startsWith('META\nkey;value\n')).toBe(true);
    expect(parsePabulib(text)).toEqual(pb);
  });

  it('refuses a cost that is not an exact decimal', () => {
    const pb = parsePabulib(SMALL.join('\n'));
    pb.projects[0]!.cost = Rational.of(1n, 3n);
    expect(() => writePabulib(pb)).toThrow(PabulibError);
  });

  describe.skipIf(!HAS_SAMPLES)('round trip on every sample file', () => {
    it.each(sampleFiles())('%s: parse → write → parse gives the same meta, projects and ballots', (name) => {
      const first = parsePabulib(readSample(name));
      const second = parsePabulib(writePabulib(first));
      expect(second).toEqual(first);
      // And writing is stable from then on.
      expect(writePabulib(second)).toBe(writePabulib(first));
    });
  });
  it.skipIf(HAS_SAMPLES)('sample files', () => console.warn(SAMPLES_MISSING));
});

describe.skipIf(!HAS_SAMPLES)('the sample files', () => {
  it('all parse, with as many rows as META announces', () => {
    for (const name of sampleFiles()) {
      const pb = parsePabulib(readSample(name));
      expect(pb.projects.length, name).toBe(Number(pb.meta.num_projects));
      expect(pb.votes.length, name).toBe(Number(pb.meta.num_votes));
    }
  });

  it('keep the quoted names of Wieliczka, Łódź and Kraków intact', () => {
    const wieliczka = parsePabulib(readSample('poland_wieliczka_2023_green-budget.pb'));
    expect(wieliczka.projects.find((p) => p.id === '81')!.fields.name).toBe(
      'Sensoryczna ścieżka dla dzieci oraz domki dla zwierząt w Parku "Stok pod Baranem" - wykonane z ekologicznych recyklingowanych materiałów',
    );
    const krakow = parsePabulib(readSample('poland_krakow_2018_wzgorza-krzeslawickie.pb'));
    expect(krakow.projects.find((p) => p.id === '8')!.fields.name).toBe('"Piękni wytrenowani"');
    const edge = parsePabulib(readSample('edge-empty-ballot-zero-vote.pb'));
    expect(edge.projects[0]!.fields.name).toBe('Park; phase "1"');
    expect(edge.votes[3]).toEqual({ voterId: 'v4', vote: [], fields: {} });
  });

  it('read the Warsaw files without a key;value line, and decimal budgets exactly', () => {
    const saska = parsePabulib(readSample('poland_warszawa_2017_saska-kepa.pb'));
    expect(saska.meta.description).toMatch(/Saska Kępa/);
    expect(saska.meta.budget).toBe('740793.05');
    expect(approvalElectionFromPb(saska).election.budget.toString()).toBe('14815861/20');
    expect(parsePabulib(readSample('pabulib-format-example.pb')).votes[0]).toEqual({ voterId: '1', vote: ['1', '2', '4'], fields: { age: '34', sex: 'f' } });
  });
});

describe('approvalElectionFromPb', () => {
  it('warns that ordinal, cumulative and scoring ballots are read as approvals', () => {
    const pb = parseWith({ 4: 'vote_type;ordinal' });
    const { election, warnings } = approvalElectionFromPb(pb);
    expect(election.ballots).toEqual([['1', '2'], ['2']]);
    expect(warnings).toEqual(['votos de tipo «ordinal» contados como aprobación de cada proyecto listado / «ordinal» ballots counted as approval of every listed project']);
    expect(approvalElectionFromPb(parseWith({ 4: 'vote_type;choose-1' })).warnings).toEqual([]);
  });

  it('needs a valid budget', () => {
    expect(() => approvalElectionFromPb(parseWith({ 3: 'budgetx;10' }))).toThrow(TallyInputError);
    expect(() => approvalElectionFromPb(parseWith({ 3: 'budget;lots' }))).toThrow('invalid budget «lots»');
  });
});

describe('forEachCsvRow', () => {
  it('gives 1-based line numbers of row starts', () => {
    const rows: [string[], number][] = [];
    forEachCsvRow('a;b\n\n"x\ny";z\nlast', (fields, line) => rows.push([fields, line]));
    expect(rows).toEqual([
      [['a', 'b'], 1],
      [['x\ny', 'z'], 3],
      [['last'], 5],
    ]);
  });
});
