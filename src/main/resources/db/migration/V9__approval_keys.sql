-- Version 9: an approval carries the idempotency key of the call it asks for, so the approval,
-- its execution and any later identical call share one key. One live request per key: asking for
-- the same call again while it waits (or runs) finds that request; after a rejection or expiry
-- the call may be asked for again.
alter table approval drop constraint approval_idempotency_key_key;
create unique index approval_live_key on approval (idempotency_key)
    where status in ('pending', 'approved');
