import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, string | Date | undefined, string | Date>;
type NullableTimestamp = ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
/** numeric columns come back as strings (exact), and accept numbers or strings. */
type Numeric = ColumnType<string, string | number, string | number>;
type NullableNumeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type Json<T> = ColumnType<T, string, string>;

export type BallotRule = 'knapsack' | 'approval' | 'wallet' | 'cumulative' | 'ranking';
export type CountingRule = 'greedy' | 'mes-cost' | 'mes-card' | 'mes-cost-add1u' | 'mes-cost-add1u-eqtool' | 'mes-cost-add1u-noexh' | 'mes-card-add1u' | 'mes-cost-u';
export type ProposalStatus = 'draft' | 'submitted' | 'viable' | 'not_viable' | 'merged' | 'withdrawn' | 'selected' | 'not_selected';
/** What administrators read when a publication job could not count an envelope. */
export interface PublicationFailure {
  envelope: string;
  es: string;
  en: string;
}

export type ExecutionStatus = 'planned' | 'contracting' | 'in_progress' | 'completed' | 'suspended';

/**
 * Per-rule ballot settings (all optional; defaults in ballot-config.ts):
 * approval/ranking `maxChoices`; knapsack `minShare` (0..1 of the envelope); wallet `walletTotal`
 * and `supportSize`; cumulative `points` and `maxPerProject`.
 */
export interface BallotConfig {
  maxChoices?: number;
  minShare?: number;
  walletTotal?: number;
  supportSize?: number;
  points?: number;
  maxPerProject?: number;
}

declare module '../../core/db/schema.ts' {
  interface Database {
    participatory_budgets_investment_lines: { code: string; name: string; position: Generated<number> };
    participatory_budgets_spending_concepts: { code: string; line_code: string; name: string; position: Generated<number> };
    participatory_budgets_topics: { code: string; name: string; position: Generated<number> };
    participatory_budgets_plan_goals: { code: string; topic_code: string; concept_code: string | null; name: string; position: Generated<number> };
    participatory_budgets_editions: {
      id: Generated<string>;
      slug: string;
      year: number;
      title: string;
      description: Generated<string>;
      ballot_rule: BallotRule;
      ballot_config: ColumnType<BallotConfig, string | undefined, string>;
      counting_rule: ColumnType<CountingRule, CountingRule | undefined, CountingRule>;
      min_age: Generated<number>;
      proposals_open_at: Timestamp;
      proposals_close_at: Timestamp;
      review_close_at: Timestamp;
      voting_open_at: Timestamp;
      voting_close_at: Timestamp;
      results_published_at: NullableTimestamp;
      /** Add1's per-voter endowment step (whole currency units); 1 = pb-rules.md §3.3 as published. */
      add1_step: ColumnType<string, string | undefined, string>;
      /** Publication asked for (the count runs as a job); cleared when the count fails. */
      results_requested_at: NullableTimestamp;
      results_requested_by: ColumnType<string | null, string | null | undefined, string | null>;
      /** Why the last publication failed: { envelope, es, en }. */
      results_failure: ColumnType<PublicationFailure | null, string | null | undefined, string | null>;
      execution_starts_on: ColumnType<string | null, string | null | undefined, string | null>;
      pabulib_meta: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
      created_at: Generated<Date>;
      created_by: string | null;
    };
    participatory_budgets_envelopes: { id: Generated<string>; edition_id: string; localidad_code: string | null; name: string; amount: Numeric };
    participatory_budgets_sub_envelopes: {
      id: Generated<string>;
      envelope_id: string;
      kind: 'investment_line' | 'spending_concept' | 'area';
      code: string;
      name: string;
      amount: Numeric;
    };
    participatory_budgets_proposals: {
      id: Generated<string>;
      edition_id: string;
      envelope_id: string;
      sub_envelope_id: string | null;
      number: number;
      pabulib_id: string | null;
      title: string;
      description: Generated<string>;
      topic_code: string | null;
      goal_code: string | null;
      concept_code: string | null;
      guiding_question: Generated<string>;
      keywords: Generated<string>;
      image_file_id: string | null;
      image_alt: Generated<string>;
      activities: Generated<string>;
      latitude: NullableNumeric;
      longitude: NullableNumeric;
      location_label: Generated<string>;
      organisation: Generated<string>;
      estimated_cost: Numeric;
      assessed_cost: NullableNumeric;
      status: ColumnType<ProposalStatus, ProposalStatus | undefined, ProposalStatus>;
      valuation_reason: Generated<string>;
      valuated_by: string | null;
      valuated_at: NullableTimestamp;
      merged_into: string | null;
      pabulib_extra: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
      created_by: string | null;
      created_at: Generated<Date>;
      submitted_at: NullableTimestamp;
      updated_at: Timestamp;
    };
    participatory_budgets_proposal_authors: { proposal_id: string; user_id: string; role: 'author' | 'coauthor'; added_at: Generated<Date> };
    participatory_budgets_supports: { proposal_id: string; user_id: string; created_at: Generated<Date> };
    participatory_budgets_follows: { proposal_id: string; user_id: string; created_at: Generated<Date> };
    participatory_budgets_comments: {
      id: Generated<string>;
      proposal_id: string;
      parent_id: string | null;
      author_id: string;
      body: string;
      created_at: Generated<Date>;
      hidden_at: NullableTimestamp;
      hidden_reason: string | null;
      hidden_by: string | null;
    };
    participatory_budgets_paper_tallies: {
      id: Generated<string>;
      envelope_id: string;
      polling_station: string;
      ballots_count: number;
      voters_count: number;
      report: Json<Record<string, unknown>>;
      imported_by: string | null;
      imported_at: Generated<Date>;
    };
    participatory_budgets_voters: {
      edition_id: string;
      identity_hash: string;
      envelope_id: string;
      user_id: string | null;
      channel: 'online' | 'assisted' | 'paper';
      paper_tally_id: string | null;
      voted_on: ColumnType<string, string, string>;
    };
    participatory_budgets_ballots: {
      id: Generated<string>;
      envelope_id: string;
      ballot_key: string | null;
      source: 'digital' | 'paper' | 'imported';
      paper_tally_id: string | null;
      pabulib_voter_id: string | null;
      pabulib_extra: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
    };
    participatory_budgets_ballot_choices: { ballot_id: string; proposal_id: string; position: number; value: Numeric };
    participatory_budgets_results: {
      id: Generated<string>;
      envelope_id: string;
      sub_envelope_id: string | null;
      counting_rule: CountingRule;
      ballots_count: number;
      budget: Numeric;
      spent: Numeric;
      detail: Json<unknown>;
      computed_at: Generated<Date>;
    };
    participatory_budgets_execution: {
      proposal_id: string;
      status: ColumnType<ExecutionStatus, ExecutionStatus | undefined, ExecutionStatus>;
      progress: Generated<number>;
      responsible_entity_code: string | null;
      note: Generated<string>;
      updated_at: Timestamp;
      updated_by: string | null;
    };
  }
}
