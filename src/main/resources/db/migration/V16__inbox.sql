-- Version 16: the agents' inbox (issue 25). A ticket is a state of its conversation, not a list
-- of its own: the conversation carries what a human agent sets on it (status, snooze, assignee,
-- priority); what a turn sets stays in conversation.status. An agent's status holds until the
-- customer writes again (inbox_status_at says since when); a snooze ends at snoozed_until.
alter table conversation add column inbox_status text
    check (inbox_status in ('open', 'pending', 'snoozed', 'resolved'));
alter table conversation add column inbox_status_at timestamptz;
alter table conversation add column snoozed_until timestamptz;
alter table conversation add column assignee text;
alter table conversation add column priority text
    check (priority in ('low', 'normal', 'high', 'urgent'));
create index conversation_assignee on conversation (assignee) where assignee is not null;
create index ticket_conversation on ticket (conversation_id, id desc);

-- Full-text search over what the customer and the agents said (not tool results); 'simple'
-- because customers write in any language and a stemmer for one would mangle the others.
create index message_text_search on message
    using gin (to_tsvector('simple', coalesce(content, '')))
    where role in ('user', 'assistant');

-- Private notes: agents write them to each other on a conversation. A table of their own, never
-- the message table, so no channel, replay or model memory can reach them.
create table conversation_note (
    id               bigint generated always as identity primary key,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    author           text        not null,
    body             text        not null,
    created_at       timestamptz not null
);
create index conversation_note_conversation on conversation_note (conversation_id, id);

-- Canned replies, managed by admins (Panache: read and written whole, never touched by a turn);
-- placeholders such as {{customer.name}} are filled for the conversation's customer.
create table canned_reply (
    id          bigint generated always as identity primary key,
    shortcut    text        not null unique,
    title       text        not null,
    body        text        not null,
    updated_at  timestamptz not null
);
