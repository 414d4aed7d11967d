-- A shot's review outcome in its own column (1 accepted, 0 rejected, null not reviewed), so the shot list filters by
-- it in the query; filled from the stored review for the shots reviewed before.
ALTER TABLE "Shots" ADD "ReviewAccepted" INTEGER NULL;
UPDATE "Shots" SET "ReviewAccepted" = json_extract("Review", '$.accepted') WHERE "Review" IS NOT NULL;
