-- Version 8: one conversation's turns are serialised by a lock in the database (DESIGN §8), so it
-- holds across replicas and never outlives a failed commit: a turn takes the lock in the
-- transaction that stores the customer's message and gives it back in the transaction that
-- stores the answer. The lease lets a conversation go on after a replica died mid-turn.
alter table conversation add column turn_id uuid;
alter table conversation add column turn_lease_until timestamptz;
