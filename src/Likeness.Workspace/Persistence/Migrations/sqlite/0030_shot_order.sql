-- The shot list orders and pages in SQL (ShotOrder): each shot's creation time as UTC ticks, which SQLite can order by
-- (it cannot order a DateTimeOffset, stored as text with its offset), indexed with the character and the id in the
-- list's order; that index also serves the character's foreign key, so it replaces the one on the character alone.
-- Existing shots get their ticks from the stored text, 'yyyy-MM-dd HH:mm:ss[.FFFFFFF]+hh:mm': whole seconds through
-- strftime, less the offset, plus the fraction's digits (up to seven, the ticks' 100 ns) padded to seven.
ALTER TABLE "Shots" ADD "CreatedTicks" INTEGER NOT NULL DEFAULT 0;
UPDATE "Shots" SET "CreatedTicks" =
    (CAST(strftime('%s', substr("CreatedAt", 1, 19)) AS INTEGER)
        - (CASE substr("CreatedAt", -6, 1) WHEN '-' THEN -1 ELSE 1 END)
            * (CAST(substr("CreatedAt", -5, 2) AS INTEGER) * 3600 + CAST(substr("CreatedAt", -2, 2) AS INTEGER) * 60)) * 10000000
    + 621355968000000000
    + CAST(substr(substr("CreatedAt", 21, max(length("CreatedAt") - 26, 0)) || '0000000', 1, 7) AS INTEGER);
DROP INDEX "IX_Shots_CharacterId";
CREATE INDEX "IX_Shots_CharacterId_CreatedTicks_Id" ON "Shots" ("CharacterId", "CreatedTicks", "Id");
