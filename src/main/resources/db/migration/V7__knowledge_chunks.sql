-- Version 7: knowledge-base articles and documentation pages cut into passages with their
-- embeddings, for hybrid (dense + full-text) search. Written when a document is written; a
-- document whose title or body changed, or that was embedded by another model, is re-embedded at
-- the next start.
create table knowledge_chunk (
    collection   text        not null check (collection in ('kb_article', 'doc_page')),
    document_id  text        not null,
    ordinal      integer     not null,
    content      text        not null,
    -- the embedding model and the document text the passage was cut from (md5 of title + body)
    model        text        not null,
    source_hash  text        not null,
    embedding    real[]      not null,
    created_at   timestamptz not null,
    primary key (collection, document_id, ordinal)
);

-- Every replica keeps the passage vectors in memory for dense search; this number changes with
-- every write to knowledge_chunk, so each one notices another's writes and reloads.
create table knowledge_revision (
    id        integer primary key check (id = 1),
    revision  bigint  not null
);
insert into knowledge_revision values (1, 0);

create function knowledge_revision_bump() returns trigger language plpgsql as $$
begin
    update knowledge_revision set revision = revision + 1 where id = 1;
    return null;
end;
$$;

create trigger knowledge_chunk_changed
    after insert or update or delete or truncate on knowledge_chunk
    for each statement execute function knowledge_revision_bump();

-- A deleted article or page takes its passages with it, however it is deleted.
create function knowledge_document_deleted() returns trigger language plpgsql as $$
begin
    delete from knowledge_chunk where collection = tg_table_name and document_id = old.id;
    return old;
end;
$$;

create trigger kb_article_deleted after delete on kb_article
    for each row execute function knowledge_document_deleted();
create trigger doc_page_deleted after delete on doc_page
    for each row execute function knowledge_document_deleted();
