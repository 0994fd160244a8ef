-- When an open ticket's SLA targets were first missed (set once, by whichever replica's SLA watch
-- saw it first): the console's breach event, the metric and the inbox badge come from these.
alter table ticket add column first_response_breached_at timestamptz;
alter table ticket add column resolution_breached_at timestamptz;
