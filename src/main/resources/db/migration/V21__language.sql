-- The customer's language (ISO 639-1, detected from their messages; null until a message said it):
-- on the conversation (its notices and the agents' instruction follow it) and on its ticket (the
-- person who answers sees it).
alter table conversation add column language text;
alter table ticket add column language text;
