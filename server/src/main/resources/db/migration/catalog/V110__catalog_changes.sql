-- A counter of committed product changes, for the per-instance product caches (catalog.internal.ProductCache):
-- an instance that reads it knows whether any product changed since its cache was last known clean. Every
-- statement that writes products bumps it, whoever runs it (the application, a migration, an operator's SQL),
-- so no cache can miss a change. The bump locks the one row until the writing transaction ends: product
-- writes take turns (they are rare, admin-made), and counter values commit in increasing order.
CREATE TABLE catalog_changes (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    version   BIGINT NOT NULL
);
INSERT INTO catalog_changes (version) VALUES (0);

CREATE FUNCTION catalog_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_changes SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_changed();
