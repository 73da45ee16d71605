-- In-app notifications ("Mis notificaciones"): what happened to things a person follows or owns.
-- The text is an i18n key with variables, rendered in the reader's language when shown or mailed.
CREATE TABLE core_notifications (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES core_users (id) ON DELETE CASCADE,
  message_key text NOT NULL CHECK (message_key ~ '^[a-z][a-z0-9_.-]*$'),
  vars jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(vars) = 'object'),
  url text NOT NULL CHECK (url LIKE '/%' AND url NOT LIKE '//%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX core_notifications_user_idx ON core_notifications (user_id, created_at DESC);
