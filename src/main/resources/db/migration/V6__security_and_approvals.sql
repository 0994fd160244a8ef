-- Version 6: security and human control (identity at the tool gate, idempotency in the database,
-- durable approvals, the conversation event feed).

-- One row per side effect, keyed by its idempotency key: a second identical call (a retry, a
-- duplicated model call, a double-clicked approve, two replicas at once) finds this row and acts
-- no more. Written in the same transaction as the effect and its audit row.
create table tool_execution (
    idempotency_key  text primary key,
    tool_name        text        not null,
    customer_id      text        not null references customer (id),
    conversation_id  uuid,
    arguments        jsonb       not null,
    result           jsonb,
    executed_at      timestamptz not null
);

-- Approvals: what was asked, why it needs a person, and how it ended.
alter table approval add column turn_id uuid;
alter table approval add column call_id text;
alter table approval add column policy text;
alter table approval add column reason text not null default '';
alter table approval add column resumed_at timestamptz;
alter table approval add column error text;
alter table approval add column ticket_id text;
alter table approval drop constraint approval_status_check;
alter table approval add constraint approval_status_check
    check (status in ('pending', 'approved', 'rejected', 'expired', 'executed', 'failed'));
create index approval_conversation on approval (conversation_id, requested_at desc);
create index approval_customer on approval (customer_id, requested_at desc);

-- Every decision of the gate and of reviewers.
alter table audit_log drop constraint audit_log_decision_check;
alter table audit_log add constraint audit_log_decision_check
    check (decision in ('allowed', 'denied', 'approved', 'rejected', 'executed', 'failed',
                        'replayed', 'approval_requested', 'expired'));
create index audit_log_action on audit_log (action, occurred_at desc);
create index audit_log_time on audit_log (occurred_at desc);

-- The conversation's event feed: what happened in it, in order, so a client on any replica (a
-- WebSocket, an SSE subscriber) sees an approval decided elsewhere and replays what it missed by
-- sequence number. NOTIFY frontdesk_conversation_events carries only '<conversation id>:<seq>'.
create table conversation_event (
    id               bigint generated always as identity primary key,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    seq              integer     not null,
    type             text        not null,
    payload          jsonb       not null,
    created_at       timestamptz not null,
    unique (conversation_id, seq)
);
