-- Version 4: restarts performed by support agents, and ids for the refunds they issue.

-- One row per restart: a retried restart_service call carries the same key, so it restarts once.
create table service_restart (
    id               bigint generated always as identity primary key,
    service_id       text        not null references service (id),
    customer_id      text        not null references customer (id),
    previous_status  text        not null,
    idempotency_key  text        not null unique,
    restarted_at     timestamptz not null
);
create index service_restart_service on service_restart (service_id, restarted_at desc);

-- Refunds issued by Frontdesk are numbered from ref_100001: the demo data and imported history use
-- the low numbers, and a sequence never hands the same id to two replicas.
create sequence refund_number_seq start with 100001;
