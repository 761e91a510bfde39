-- Names of people here are two to four Chinese characters, and searches of one or two characters
-- (a surname, a given name) are the common case. pg_trgm needs three characters in the pattern,
-- so such searches would read every row: index the names' single characters and pairs instead.
CREATE OR REPLACE FUNCTION sgz_name_grams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$
    SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, n)), '{}')
    FROM generate_series(1, char_length(t)) AS i, (VALUES (1), (2)) AS v(n)
    WHERE i + n - 1 <= char_length(t)
  $$;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "clients_name_grams_idx" ON "clients" USING gin (sgz_name_grams("name"));
