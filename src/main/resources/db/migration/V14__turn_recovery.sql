-- Version 14: accepted messages are answered after a crash (issue 22).

-- One row per run of a replica (a process start): its name, stable across restarts (the pod or
-- host name, or frontdesk.replica.name), when it last beat and how long it may stay silent before
-- it counts as dead. A run is dead once it stopped, went silent, or a newer run took its name.
create table replica (
    instance     uuid primary key,
    name         text        not null,
    started_at   timestamptz not null,
    beat_at      timestamptz not null,
    stale_after  interval    not null,
    stopped_at   timestamptz
);
create index replica_name on replica (name, started_at desc);

-- Whether a run is dead: it stopped, a newer run took its name (its restart), its row is gone, or
-- (when the one asking has beaten long enough to tell silence from its own trouble reaching the
-- database) its heartbeat is older than it promised.
create function replica_dead(run uuid, judge_silence boolean) returns boolean
language sql stable as $$
    select coalesce((
        select r.stopped_at is not null
            or exists (select 1 from replica n where n.name = r.name and n.started_at > r.started_at)
            or (judge_silence and r.beat_at + r.stale_after < now())
        from replica r where r.instance = run), true)
$$;

-- The run that holds a conversation's turn lock (null: a lock taken before version 14, which
-- only its lease ends).
alter table conversation add column turn_replica uuid;
create index conversation_turn_held on conversation (turn_replica) where turn_id is not null;

-- A turn that died with its replica is recovered once, by one replica: re-run, its customer told
-- to send the message again, or (an approval's follow-up) released for the approval to resume.
create table turn_recovery (
    turn_id          uuid primary key,
    conversation_id  uuid        not null references conversation (id) on delete cascade,
    dead_replica     uuid,
    recovered_by     uuid        not null,
    action           text        not null check (action in ('rerun', 'told', 'released')),
    at               timestamptz not null
);

-- A side effect is stored with its conversation the moment it runs: its tool call (running before
-- the effect, then its outcome) and, in the effect's transaction, a line of the transcript the
-- customer reads (trace), which the model's memory leaves out (it gets the real exchange).
alter table tool_call drop constraint tool_call_status_check;
alter table tool_call add constraint tool_call_status_check
    check (status in ('running', 'succeeded', 'failed', 'denied', 'pending_approval'));
create index tool_call_turn on tool_call (turn_id);
alter table message add column trace boolean not null default false;

-- An approval's follow-up runs on one replica run at a time; another picks it up once that run
-- is dead.
alter table approval add column resuming_replica uuid;
create index approval_unfinished on approval (decided_at)
    where resumed_at is null and status <> 'pending';
