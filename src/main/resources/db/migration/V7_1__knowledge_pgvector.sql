-- Version 7.1: where the database has pgvector, passages also get a vector column, so dense
-- search runs in PostgreSQL; without it nothing changes (dense search runs over the vectors in
-- knowledge_chunk.embedding in memory). pgvector is never required.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'vector') then
        begin
            create extension if not exists vector;
        exception when insufficient_privilege then
            raise notice 'pgvector is available but this user may not create it; not used';
        end;
    end if;
    if exists (select 1 from pg_extension where extname = 'vector') then
        execute 'alter table knowledge_chunk add column embedding_vector vector';
    end if;
end;
$$;
