-- Sources that existed before the search index (a database from before V70, or the demo catalog, which is
-- seeded without catalog events) are chunked by one reindex job at the first start that finds any.
ALTER TABLE search_indexing ADD COLUMN backfill_needed BOOLEAN NOT NULL DEFAULT TRUE;
