-- Labels agents put on conversations (billing, bug, vip, ...): filter and group the inbox by them.
create table conversation_label (
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    label            text        not null,
    added_by         text        not null,
    added_at         timestamptz not null,
    primary key (conversation_id, label)
);
create index conversation_label_label on conversation_label (label);
