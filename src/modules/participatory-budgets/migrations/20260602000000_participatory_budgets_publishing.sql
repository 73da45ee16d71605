-- Publishing results runs as a background job (counting every localidad can take minutes): the
-- edition records who asked and when, and why the last attempt failed (shown to administrators).
-- add1_step: the per-voter endowment increment of the Add1 completion (pb-rules.md §3.3, pabutools'
-- voter_budget_increment), in the envelope's currency. 1 is the published definition; COP envelopes
-- need a coarser step (1 peso per voter means hundreds of thousands of MES runs).
ALTER TABLE participatory_budgets_editions
  ADD COLUMN add1_step numeric NOT NULL DEFAULT 1 CHECK (add1_step > 0 AND add1_step = trunc(add1_step) AND add1_step <= 1000000000),
  ADD COLUMN results_requested_at timestamptz,
  ADD COLUMN results_requested_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  ADD COLUMN results_failure jsonb CHECK (results_failure IS NULL OR jsonb_typeof(results_failure) = 'object');
