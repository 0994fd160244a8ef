-- Version 12: the human side (issue 12). A human agent takes a conversation over (the bot pauses
-- while taken_over_by is set), resolves tickets, and the console follows what happens on every
-- replica through console_event (NOTIFY frontdesk_console_events carries the row's id).
alter table conversation add column taken_over_by text;
alter table conversation add column taken_over_at timestamptz;

alter table ticket add column resolved_at timestamptz;
alter table ticket add column resolved_by text;
alter table ticket add column resolution_note text;

create table console_event (
    id          bigint generated always as identity primary key,
    type        text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null
);
create index console_event_time on console_event (created_at);
create index message_created on message (created_at);
