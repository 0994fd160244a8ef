-- Trained router heads (agent.routing.RouterCache), keyed by a SHA-256 of everything training
-- depends on (the examples in order, the embedding model's fingerprint, the training settings and
-- the trainer's code): a restart with the same inputs loads the head instead of embedding the
-- examples and training again; any change gives another key, so a stale head is never used.
create table router_model (
  training_key   text primary key,
  labels         text[] not null,
  dims           integer not null,
  weights        bytea not null,
  weights_sha256 text not null,
  created_at     timestamptz not null default now()
);
