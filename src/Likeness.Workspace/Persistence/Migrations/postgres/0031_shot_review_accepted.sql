-- A shot's review outcome in its own column (true accepted, false rejected, null not reviewed), so the shot list
-- filters by it in the query; filled from the stored review for the shots reviewed before.
ALTER TABLE "Shots" ADD "ReviewAccepted" boolean;
UPDATE "Shots" SET "ReviewAccepted" = ("Review"::jsonb ->> 'accepted')::boolean WHERE "Review" IS NOT NULL;
