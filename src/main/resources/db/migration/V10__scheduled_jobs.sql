-- Scheduled jobs run once across replicas: a replica runs a job only if it claims this row for
-- the period (an upsert that succeeds only when the last run is at least a period ago).
create table scheduled_job (
    name      text        primary key,
    last_run  timestamptz not null
);
