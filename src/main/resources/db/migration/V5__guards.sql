-- Version 5: guard decisions. A blocked customer message stays in the transcript but is flagged,
-- so it never reaches a model again through the memory window.
alter table message add column guard_blocked boolean not null default false;

create table guard_event (
    id               bigint generated always as identity primary key,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    turn_id          uuid        not null,
    stage            text        not null check (stage in ('input', 'output', 'tool')),
    guard            text        not null,
    action           text        not null,
    score            numeric(6, 3) not null,
    blocked          boolean     not null,
    created_at       timestamptz not null
);
create index guard_event_conversation on guard_event (conversation_id, id);
