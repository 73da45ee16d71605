-- Ballots and choices are written on the busiest path of an edition, and three of their indexes
-- had one key shared by thousands of rows: every ballot of an envelope under the same envelope id,
-- every digital ballot of an envelope under (envelope, NULL) in the Pabulib voter-id uniqueness, and
-- every choice of a proposal under its id. PostgreSQL kept merging each new row into the posting
-- list of that key on one hot page (see core_audit_log_resource_idx, 20261128000200). Now:
-- - the envelope and proposal lookups end with the row's own id, so every key is distinct;
-- - the Pabulib voter ids are unique only where there is one: NULLs never conflicted, so leaving
--   them out changes nothing but the index's size, and digital ballots skip it.
-- PostgreSQL 15 subset (also runs on PGlite).
DROP INDEX participatory_budgets_ballots_envelope_idx;
CREATE INDEX participatory_budgets_ballots_envelope_idx ON participatory_budgets_ballots (envelope_id, id);

ALTER TABLE participatory_budgets_ballots DROP CONSTRAINT participatory_budgets_ballots_envelope_id_pabulib_voter_id_key;
CREATE UNIQUE INDEX participatory_budgets_ballots_pabulib_voter_key ON participatory_budgets_ballots (envelope_id, pabulib_voter_id)
  WHERE pabulib_voter_id IS NOT NULL;

DROP INDEX participatory_budgets_choices_proposal_idx;
CREATE INDEX participatory_budgets_choices_proposal_idx ON participatory_budgets_ballot_choices (proposal_id, ballot_id);
