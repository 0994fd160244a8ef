-- Version 2: account operations performed for customers (password resets, email changes).
create table account_action (
    id           bigint generated always as identity primary key,
    customer_id  text        not null references customer (id),
    action       text        not null,
    status       text        not null check (status in ('completed', 'link_sent', 'confirmation_sent')),
    detail       text        not null,
    expires_at   timestamptz,
    created_at   timestamptz not null
);
create index account_action_customer on account_action (customer_id, created_at desc);
