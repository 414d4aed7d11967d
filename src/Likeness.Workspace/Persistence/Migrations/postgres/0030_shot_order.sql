-- The shot list orders and pages in SQL (ShotOrder): each shot's creation time as UTC ticks (the same column on both
-- databases), indexed with the character and the id in the list's order; that index also serves the character's
-- foreign key, so it replaces the one on the character alone. Existing shots get their ticks from the stored time
-- (whole microseconds, what timestamptz keeps); new ones are written by the application, so no default stays.
ALTER TABLE "Shots" ADD "CreatedTicks" bigint NOT NULL DEFAULT 0;
UPDATE "Shots" SET "CreatedTicks" = round(EXTRACT(EPOCH FROM "CreatedAt") * 1000000)::bigint * 10 + 621355968000000000;
ALTER TABLE "Shots" ALTER COLUMN "CreatedTicks" DROP DEFAULT;
DROP INDEX "IX_Shots_CharacterId";
CREATE INDEX "IX_Shots_CharacterId_CreatedTicks_Id" ON "Shots" ("CharacterId", "CreatedTicks", "Id");
