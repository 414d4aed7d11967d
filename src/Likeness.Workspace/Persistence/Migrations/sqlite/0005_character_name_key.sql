-- Character names compare by CharacterName.Key (case, spacing and Unicode form ignored), held unique per project.
-- Rows made before keep a null key (SQL cannot compute NFKC); the catalog compares them by their name.
ALTER TABLE "Characters" ADD "NameKey" TEXT NULL;

CREATE UNIQUE INDEX "IX_Characters_ProjectId_NameKey" ON "Characters" ("ProjectId", "NameKey");
