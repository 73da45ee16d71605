-- open-data, Comunidad de datos: what the first catalogue migration left out. Requests say why the
-- data is wanted and where; an answer always carries its date, a rejection its public reason and a
-- "published" answer the dataset that fulfils it. Reuses may show an image; moderators hide reuses
-- and comments with a public reason (the text stays for appeals). Comments take one level of
-- replies and readers' reports. PostgreSQL 15 subset (also runs on PGlite).

ALTER TABLE open_data_requests
  ADD COLUMN purpose text NOT NULL DEFAULT '' CHECK (length(purpose) <= 2000),
  ADD COLUMN localidad_code text REFERENCES core_localidades (code),
  ADD CONSTRAINT open_data_requests_answered_check CHECK ((status = 'open') = (answered_at IS NULL)),
  ADD CONSTRAINT open_data_requests_published_check CHECK (status <> 'published' OR dataset_id IS NOT NULL),
  ADD CONSTRAINT open_data_requests_declined_check CHECK (status <> 'declined' OR answer IS NOT NULL);
CREATE INDEX open_data_requests_list_idx ON open_data_requests (status, vote_count DESC, created_at DESC);
CREATE INDEX open_data_requests_dataset_idx ON open_data_requests (dataset_id) WHERE dataset_id IS NOT NULL;
CREATE INDEX open_data_request_votes_user_idx ON open_data_request_votes (user_id);

ALTER TABLE open_data_reuses
  ADD COLUMN image_file_id uuid REFERENCES core_files (id),
  ADD COLUMN hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 3 AND 500),
  ADD COLUMN hidden_at timestamptz,
  ADD COLUMN hidden_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  ADD CONSTRAINT open_data_reuses_url_length_check CHECK (length(url) <= 500),
  ADD CONSTRAINT open_data_reuses_hidden_check CHECK (hidden = (hidden_reason IS NOT NULL) AND hidden = (hidden_at IS NOT NULL));
CREATE INDEX open_data_reuses_created_idx ON open_data_reuses (created_at DESC) WHERE NOT hidden;

ALTER TABLE open_data_comments
  ADD COLUMN parent_id uuid REFERENCES open_data_comments (id) ON DELETE CASCADE,
  ADD COLUMN hidden_reason text CHECK (hidden_reason IS NULL OR length(hidden_reason) BETWEEN 3 AND 500),
  ADD COLUMN hidden_at timestamptz,
  ADD COLUMN hidden_by uuid REFERENCES core_users (id) ON DELETE SET NULL,
  ADD CONSTRAINT open_data_comments_hidden_check CHECK (hidden = (hidden_reason IS NOT NULL) AND hidden = (hidden_at IS NOT NULL));

-- Readers' reports, for the moderators; one per person and comment.
CREATE TABLE open_data_comment_reports (
  comment_id uuid NOT NULL REFERENCES open_data_comments (id) ON DELETE CASCADE,
  reporter_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (comment_id, reporter_id)
);
