ALTER TABLE "publicity_posts" ADD COLUMN "author_side" text DEFAULT 'station' NOT NULL;
--> statement-breakpoint
-- Posts written before the column: the side the author's account had (the best record there is).
UPDATE "publicity_posts" p SET "author_side" = 'officer' FROM "users" u WHERE u."id" = p."author_id" AND u."scope_kind" NOT IN ('station', 'org');
