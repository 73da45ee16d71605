/**
 * The input of every rule (an approval election) and its prepared form: project indices instead
 * of ids, identical ballots grouped with a multiplicity, approvers listed per project, and the
 * tie-breaking order computed once. Rules never look at ids or ballots again after this.
 */
import type { PbElection } from './pabulib.ts';
import { Rational, RationalFormatError } from './rational.ts';
import { compareByTieOrder } from './tie-break.ts';

export interface ApprovalProject {
  id: string;
  cost: Rational;
}

/** One ballot (the ids it approves), or `count` identical ballots. An empty ballot is a voter too. */
export type ApprovalBallot = readonly string[] | { readonly approvals: readonly string[]; readonly count: number };

export interface ApprovalElection {
  budget: Rational;
  projects: readonly ApprovalProject[];
  ballots: readonly ApprovalBallot[];
}

/** The election cannot be counted (unknown project in a ballot, negative cost, no budget…). */
export class TallyInputError extends Error {
  constructor(
    readonly es: string,
    readonly en: string,
  ) {
    super(`${es} / ${en}`);
    this.name = 'TallyInputError';
  }
}

export interface PreparedElection {
  readonly budget: Rational;
  readonly ids: readonly string[];
  readonly costs: readonly Rational[];
  /** Number of projects. */
  readonly m: number;
  /** Number of voters, empty ballots included (they change the endowment B/n). */
  readonly n: number;
  /** votes(p): approving voters, multiplicities included. */
  readonly votes: readonly number[];
  /** Number of distinct ballots (groups). */
  readonly groupCount: number;
  /** Voters per group. */
  readonly groupSize: Int32Array;
  /** Groups approving each project. */
  readonly approvers: readonly Int32Array[];
  /** Project indices in the §4 tie-breaking order (cost ↑, votes ↓, id ↑ by code points). */
  readonly tieOrder: readonly number[];
  /** Position of each project in `tieOrder` (smaller = preferred). */
  readonly tieRank: Int32Array;
  /** Σ of all costs. */
  readonly totalCost: Rational;
}

function isGrouped(ballot: ApprovalBallot): ballot is { readonly approvals: readonly string[]; readonly count: number } {
  return !Array.isArray(ballot);
}

/** Groups identical ballots and indexes everything the rules need. */
export function prepareElection(election: ApprovalElection): PreparedElection {
  const m = election.projects.length;
  if (election.budget.sign() < 0) throw new TallyInputError('el presupuesto es negativo', 'the budget is negative');
  const index = new Map<string, number>();
  const ids: string[] = [];
  const costs: Rational[] = [];
  let totalCost = Rational.ZERO;
  for (const project of election.projects) {
    if (index.has(project.id)) throw new TallyInputError(`project_id repetido «${project.id}»`, `repeated project_id «${project.id}»`);
    if (project.cost.sign() < 0) throw new TallyInputError(`coste negativo del proyecto «${project.id}»`, `negative cost of project «${project.id}»`);
    index.set(project.id, ids.length);
    ids.push(project.id);
    costs.push(project.cost);
    totalCost = totalCost.add(project.cost);
  }

  // Identical ballots are found through an open-addressing hash table over the sorted project
  // indices (no string keys: a million ballots would mean a million key strings). Collisions are
  // settled by comparing the stored indices.
  let groupSize = new Int32Array(1024);
  let groupStart = new Int32Array(1025);
  let groupHash = new Int32Array(1024);
  let flat = new Int32Array(4096);
  let flatLength = 0;
  let groupCount = 0;
  let table = new Int32Array(4096).fill(-1);
  let mask = table.length - 1;
  let n = 0;
  const buffer: number[] = [];
  const seen = new Int32Array(m).fill(-1);
  let ballotNumber = 0;

  const sameAsBuffer = (g: number): boolean => {
    const start = groupStart[g]!;
    if (groupStart[g + 1]! - start !== buffer.length) return false;
    for (let i = 0; i < buffer.length; i++) if (flat[start + i] !== buffer[i]) return false;
    return true;
  };

  for (const ballot of election.ballots) {
    const approvals = isGrouped(ballot) ? ballot.approvals : ballot;
    const count = isGrouped(ballot) ? ballot.count : 1;
    if (!Number.isSafeInteger(count) || count < 0) throw new TallyInputError(`multiplicidad inválida ${count}`, `invalid ballot count ${count}`);
    ballotNumber++;
    if (count === 0) continue;
    n += count;
    buffer.length = 0;
    for (const id of approvals) {
      const p = index.get(id);
      if (p === undefined) throw new TallyInputError(`proyecto desconocido «${id}» en la papeleta ${ballotNumber}`, `unknown project «${id}» in ballot ${ballotNumber}`);
      if (seen[p] === ballotNumber) throw new TallyInputError(`el proyecto «${id}» aparece dos veces en la papeleta ${ballotNumber}`, `project «${id}» appears twice in ballot ${ballotNumber}`);
      seen[p] = ballotNumber;
      // Insertion sort: ballots are short.
      let i = buffer.length;
      buffer.push(p);
      while (i > 0 && buffer[i - 1]! > p) {
        buffer[i] = buffer[i - 1]!;
        i--;
      }
      buffer[i] = p;
    }
    // FNV-1a over the indices, then a final avalanche so consecutive indices spread well.
    let hash = 0x811c9dc5 ^ buffer.length;
    for (const p of buffer) hash = Math.imul(hash ^ p, 0x01000193);
    hash ^= hash >>> 16;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    let slot = hash & mask;
    let found = -1;
    for (let g = table[slot]!; g !== -1; g = table[slot]!) {
      if (groupHash[g] === hash && sameAsBuffer(g)) {
        found = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (found >= 0) {
      groupSize[found] = groupSize[found]! + count;
      continue;
    }
    if (groupCount === groupSize.length) {
      groupSize = grow(groupSize, groupSize.length * 2);
      groupHash = grow(groupHash, groupSize.length);
      groupStart = grow(groupStart, groupSize.length + 1);
    }
    if (flatLength + buffer.length > flat.length) flat = grow(flat, Math.max(flat.length * 2, flatLength + buffer.length));
    table[slot] = groupCount;
    groupHash[groupCount] = hash;
    groupSize[groupCount] = count;
    groupStart[groupCount] = flatLength;
    for (const p of buffer) flat[flatLength++] = p;
    groupCount++;
    groupStart[groupCount] = flatLength;
    // Keep the table at most half full.
    if (groupCount * 2 > table.length) {
      table = new Int32Array(table.length * 2).fill(-1);
      mask = table.length - 1;
      for (let g = 0; g < groupCount; g++) {
        let at = groupHash[g]! & mask;
        while (table[at] !== -1) at = (at + 1) & mask;
        table[at] = g;
      }
    }
  }

  const votes = new Array<number>(m).fill(0);
  const approverCount = new Int32Array(m);
  for (let g = 0; g < groupCount; g++) {
    for (let i = groupStart[g]!; i < groupStart[g + 1]!; i++) {
      const p = flat[i]!;
      approverCount[p]!++;
      votes[p]! += groupSize[g]!;
    }
  }
  const approvers = Array.from({ length: m }, (_, p) => new Int32Array(approverCount[p]!));
  const filled = new Int32Array(m);
  for (let g = 0; g < groupCount; g++) {
    for (let i = groupStart[g]!; i < groupStart[g + 1]!; i++) {
      const p = flat[i]!;
      approvers[p]![filled[p]!++] = g;
    }
  }

  const tieOrder = Array.from({ length: m }, (_, p) => p).sort((a, b) => compareByTieOrder(costs[a]!, votes[a]!, ids[a]!, costs[b]!, votes[b]!, ids[b]!));
  const tieRank = new Int32Array(m);
  tieOrder.forEach((p, rank) => (tieRank[p] = rank));

  return {
    budget: election.budget,
    ids,
    costs,
    m,
    n,
    votes,
    groupCount,
    groupSize: groupSize.subarray(0, groupCount),
    approvers,
    tieOrder,
    tieRank,
    totalCost,
  };
}

/** MES candidates (§3.2): positive cost and at least one vote. */
export function isCandidate(prep: PreparedElection, p: number): boolean {
  return prep.votes[p]! > 0 && prep.costs[p]!.sign() > 0;
}

function grow(array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

/** Vote types whose ballots are plain approval sets. */
const APPROVAL_TYPES = new Set(['approval', 'choose-1']);

/**
 * The approval election in a parsed .pb file. Ordinal, cumulative and scoring ballots are read
 * as approval of every listed project (like the equalshares.net tool), with a warning.
 */
export function approvalElectionFromPb(pb: PbElection): { election: ApprovalElection; warnings: string[] } {
  const budgetText = pb.meta.budget;
  if (budgetText === undefined) throw new TallyInputError('falta «budget» en META', 'META has no «budget»');
  let budget: Rational;
  try {
    budget = Rational.parse(budgetText);
  } catch (error) {
    if (!(error instanceof RationalFormatError)) throw error;
    throw new TallyInputError(`presupuesto inválido «${budgetText}»`, `invalid budget «${budgetText}»`);
  }
  const warnings: string[] = [];
  const voteType = (pb.meta.vote_type ?? 'approval').trim().toLowerCase();
  if (!APPROVAL_TYPES.has(voteType)) {
    warnings.push(
      `votos de tipo «${voteType}» contados como aprobación de cada proyecto listado / ` +
        `«${voteType}» ballots counted as approval of every listed project`,
    );
  }
  return {
    election: { budget, projects: pb.projects.map((p) => ({ id: p.id, cost: p.cost })), ballots: pb.votes.map((v) => v.vote) },
    warnings,
  };
}
