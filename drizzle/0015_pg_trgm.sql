-- Trigram indexes for the name searches (ILIKE '%…%'). pg_trgm is a trusted extension since
-- PostgreSQL 13, so the schema's owner creates it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
