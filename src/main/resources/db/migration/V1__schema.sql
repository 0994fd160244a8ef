-- Frontdesk schema, version 1: everything in DESIGN §5.
-- Business data (customers, subscriptions, orders, invoices, payments, refunds, services) is
-- what the tools act on; conversations, messages, tool calls, tickets, approvals and the audit
-- log are Frontdesk's own state. Identifiers of business data are readable text ids, as a
-- support agent would quote them ("order ord_000123").

-- ---------------------------------------------------------------------------- customers
create table customer (
    id          text primary key,
    name        text        not null,
    email       text        not null unique,
    tier        text        not null check (tier in ('free', 'pro', 'enterprise')),
    company     text,
    country     text        not null,
    created_at  timestamptz not null
);

create table subscription (
    id             text primary key,
    customer_id    text        not null references customer (id),
    plan           text        not null check (plan in ('free', 'pro', 'enterprise')),
    billing_cycle  text        not null check (billing_cycle in ('none', 'monthly', 'annual')),
    status         text        not null check (status in ('active', 'trialing', 'past_due', 'canceled')),
    price_cents    integer     not null check (price_cents >= 0),
    currency       text        not null,
    started_at     timestamptz not null,
    renews_at      timestamptz,
    canceled_at    timestamptz
);
create index subscription_customer on subscription (customer_id);

-- ---------------------------------------------------------------------------- billing
create table orders (
    id               text primary key,
    customer_id      text        not null references customer (id),
    subscription_id  text references subscription (id),
    description      text        not null,
    amount_cents     integer     not null check (amount_cents >= 0),
    currency         text        not null,
    status           text        not null check (status in ('pending', 'paid', 'failed', 'partially_refunded', 'refunded')),
    created_at       timestamptz not null
);
create index orders_customer on orders (customer_id, created_at desc);

create table invoice (
    id            text primary key,
    customer_id   text        not null references customer (id),
    order_id      text        not null unique references orders (id),
    number        text        not null unique,
    amount_cents  integer     not null check (amount_cents >= 0),
    tax_cents     integer     not null check (tax_cents >= 0),
    currency      text        not null,
    status        text        not null check (status in ('open', 'paid', 'void', 'uncollectible')),
    issued_at     timestamptz not null,
    due_at        timestamptz not null,
    paid_at       timestamptz
);
create index invoice_customer on invoice (customer_id, issued_at desc);

create table payment (
    id              text primary key,
    customer_id     text        not null references customer (id),
    invoice_id      text        not null references invoice (id),
    amount_cents    integer     not null check (amount_cents >= 0),
    currency        text        not null,
    method          text        not null check (method in ('card', 'bank_transfer')),
    card_last4      text,
    status          text        not null check (status in ('pending', 'succeeded', 'failed')),
    failure_reason  text,
    created_at      timestamptz not null
);
create index payment_customer on payment (customer_id, created_at desc);
create index payment_invoice on payment (invoice_id);

create table refund (
    id               text primary key,
    customer_id      text        not null references customer (id),
    order_id         text        not null references orders (id),
    payment_id       text references payment (id),
    amount_cents     integer     not null check (amount_cents > 0),
    currency         text        not null,
    reason           text        not null,
    status           text        not null check (status in ('pending', 'succeeded', 'failed')),
    -- a retried tool call carries the same key, so it never refunds twice
    idempotency_key  text unique,
    created_at       timestamptz not null
);
create index refund_order on refund (order_id);

-- ---------------------------------------------------------------------------- technical
create table service (
    id                    text primary key,
    customer_id           text        not null references customer (id),
    name                  text        not null,
    type                  text        not null check (type in ('web', 'api', 'worker', 'database', 'cron')),
    region                text        not null,
    status                text        not null check (status in ('running', 'degraded', 'down', 'restarting', 'stopped')),
    version               text        not null,
    memory_limit_mb       integer     not null,
    memory_used_mb        integer     not null,
    restart_count         integer     not null default 0,
    last_exit_code        integer,
    failed_health_checks  integer     not null default 0,
    cert_expires_at       timestamptz,
    last_deployed_at      timestamptz not null,
    updated_at            timestamptz not null
);
create index service_customer on service (customer_id);

create table service_log (
    id          bigint generated always as identity primary key,
    service_id  text        not null references service (id),
    logged_at   timestamptz not null,
    level       text        not null check (level in ('DEBUG', 'INFO', 'WARN', 'ERROR')),
    message     text        not null
);
create index service_log_service_time on service_log (service_id, logged_at desc);

-- ---------------------------------------------------------------------------- knowledge
create table kb_article (
    id          text primary key,
    category    text        not null,
    title       text        not null,
    tags        text        not null,
    body        text        not null,
    updated_at  timestamptz not null,
    search      tsvector generated always as (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', tags), 'A')
        || setweight(to_tsvector('english', body), 'C')) stored
);
create index kb_article_search on kb_article using gin (search);

create table doc_page (
    id          text primary key,
    section     text        not null,
    title       text        not null,
    tags        text        not null,
    body        text        not null,
    updated_at  timestamptz not null,
    search      tsvector generated always as (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', tags), 'A')
        || setweight(to_tsvector('english', body), 'C')) stored
);
create index doc_page_search on doc_page using gin (search);

-- ---------------------------------------------------------------------------- conversations
create table conversation (
    id            uuid primary key,
    customer_id   text        not null references customer (id),
    channel       text        not null check (channel in ('rest', 'sse', 'websocket')),
    topology      text        not null check (topology in ('single', 'multi')),
    active_agent  text        not null,
    status        text        not null check (status in ('open', 'resolved', 'escalated', 'awaiting_approval', 'closed')),
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);
create index conversation_customer on conversation (customer_id, updated_at desc);
create index conversation_updated on conversation (updated_at);

-- The full transcript; the prompt gets a token-bounded window of it.
create table message (
    id               bigint generated always as identity primary key,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    turn_id          uuid        not null,
    role             text        not null check (role in ('system', 'user', 'assistant', 'tool')),
    agent            text,
    content          text,
    -- assistant tool-call requests, as the model sent them
    tool_calls       jsonb,
    tool_call_id     text,
    tool_name        text,
    token_count      integer     not null default 0,
    created_at       timestamptz not null
);
create index message_conversation on message (conversation_id, id);

create table tool_call (
    id                bigint generated always as identity primary key,
    conversation_id   uuid        not null references conversation (id) on delete cascade,
    turn_id           uuid        not null,
    agent             text        not null,
    tool_name         text        not null,
    arguments         jsonb       not null,
    status            text        not null check (status in ('succeeded', 'failed', 'denied', 'pending_approval')),
    result            text,
    error             text,
    duration_ms       integer     not null default 0,
    idempotency_key   text,
    created_at        timestamptz not null
);
create index tool_call_conversation on tool_call (conversation_id, id);

-- ---------------------------------------------------------------------------- escalation
create sequence ticket_number_seq start with 1001;

create table ticket (
    id               bigint primary key default nextval('ticket_number_seq'),
    conversation_id  uuid references conversation (id) on delete set null,
    customer_id      text        not null references customer (id),
    status           text        not null check (status in ('open', 'in_progress', 'resolved', 'closed')),
    priority         text        not null check (priority in ('low', 'normal', 'high', 'urgent')),
    category         text        not null,
    reason           text        not null,
    summary          text        not null,
    confidence       numeric(4, 3),
    -- context package: transcript reference, tool trace, agent, tier, ...
    context          jsonb       not null,
    assigned_to      text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index ticket_status on ticket (status, created_at desc);
create index ticket_customer on ticket (customer_id);

-- ---------------------------------------------------------------------------- approvals
create table approval (
    id                uuid primary key,
    conversation_id   uuid        not null references conversation (id) on delete cascade,
    customer_id       text        not null references customer (id),
    agent             text        not null,
    tool_name         text        not null,
    arguments         jsonb       not null,
    risk_level        text        not null check (risk_level in ('read_only', 'data_modification', 'irreversible')),
    confidence        numeric(4, 3),
    status            text        not null check (status in ('pending', 'approved', 'rejected', 'expired', 'executed')),
    idempotency_key   text        not null unique,
    requested_at      timestamptz not null,
    expires_at        timestamptz not null,
    decided_at        timestamptz,
    decided_by        text,
    decision_note     text,
    result            text
);
create index approval_pending on approval (status, expires_at);

-- ---------------------------------------------------------------------------- audit
-- Append-only: who did what, with which arguments, and what was decided.
create table audit_log (
    id               bigint generated always as identity primary key,
    occurred_at      timestamptz not null,
    actor_type       text        not null check (actor_type in ('customer', 'agent', 'human', 'system')),
    actor_id         text        not null,
    customer_id      text,
    conversation_id  uuid,
    action           text        not null,
    arguments        jsonb,
    decision         text        not null check (decision in ('allowed', 'denied', 'approved', 'rejected', 'executed', 'failed')),
    reason           text,
    result           text
);
create index audit_log_customer on audit_log (customer_id, occurred_at desc);
create index audit_log_conversation on audit_log (conversation_id);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;

create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_append_only();
