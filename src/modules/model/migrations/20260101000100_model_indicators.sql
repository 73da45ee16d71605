-- The model's scorecard: the seed's indicator table (baseline 2016-2017, 2018-2019, target 2022-2023).
CREATE TABLE model_indicators (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]*$'),
  position integer NOT NULL UNIQUE CHECK (position > 0),
  dimension text NOT NULL CHECK (dimension IN ('institutional-transparency', 'trust-collaboration-innovation', 'accountability-participation')),
  name text NOT NULL UNIQUE,
  unit text NOT NULL CHECK (unit IN ('index', 'percent')),
  source text NOT NULL
);

CREATE TABLE model_indicator_values (
  indicator_code text NOT NULL REFERENCES model_indicators (code) ON DELETE CASCADE,
  period text NOT NULL CHECK (period IN ('2016-2017', '2018-2019', '2022-2023')),
  kind text NOT NULL CHECK (kind IN ('measured', 'target')),
  value numeric(8, 2) CHECK (value >= 0),
  -- 'not_applicable' (N/A) or 'no_data' (S/D) when there is no value; the seed distinguishes them.
  missing text CHECK (missing IN ('not_applicable', 'no_data')),
  PRIMARY KEY (indicator_code, period),
  CHECK ((value IS NULL) <> (missing IS NULL)),
  CHECK ((period = '2022-2023') = (kind = 'target'))
);
