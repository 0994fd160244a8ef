-- What a turn's model calls cost: the provider's reported token usage, summed over the turn's
-- calls (reported = true), or an estimate from the window and the answer when the endpoint sent
-- none (reported = false). A turn the offline model answered has no row: it cost nothing.
create table model_usage (
    turn_id          uuid        primary key,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    model            text        not null,
    input_tokens     integer     not null,
    output_tokens    integer     not null,
    reported         boolean     not null,
    created_at       timestamptz not null
);
create index model_usage_conversation on model_usage (conversation_id);

-- The customer's rating of a resolved conversation (CSAT), once per conversation; a later rating
-- replaces it.
create table conversation_rating (
    conversation_id  uuid        primary key references conversation (id) on delete cascade,
    customer_id      text        not null,
    score            smallint    not null check (score between 1 and 5),
    comment          text,
    created_at       timestamptz not null
);

-- How often the customer wrote again after a person resolved the conversation (or its ticket).
alter table conversation add column reopened integer not null default 0;
alter table conversation add column reopened_at timestamptz;
