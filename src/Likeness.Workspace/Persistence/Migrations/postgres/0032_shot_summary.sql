-- The shot list's summary fields in columns of their own (ShotSummaryColumns): the request's prompt, scenario and
-- seed, the image count and the face score, so a page reads plain columns instead of parsing each shot's request,
-- images and scores (with the 128-float face descriptor). The application writes them on every save of a shot, so
-- no default stays. Existing shots get them from their stored JSON (web names: camelCase; a JSON null is NULL).
ALTER TABLE "Shots"
    ADD "SummaryPrompt" text NOT NULL DEFAULT '',
    ADD "SummaryScenario" text NULL,
    ADD "SummarySeed" bigint NOT NULL DEFAULT 0,
    ADD "SummaryImageCount" integer NOT NULL DEFAULT 0,
    ADD "SummaryFaceDetected" boolean NULL,
    ADD "SummaryFaceDistanceMin" double precision NULL,
    ADD "SummaryFaceDistanceMean" double precision NULL,
    ADD "SummaryFaceAnalyzer" text NULL;
UPDATE "Shots" SET
    "SummaryPrompt" = coalesce(j.request ->> 'prompt', ''),
    "SummaryScenario" = j.request ->> 'scenario',
    "SummarySeed" = coalesce((j.request ->> 'seed')::bigint, 0),
    "SummaryImageCount" = coalesce(jsonb_array_length(j.assets), 0),
    "SummaryFaceDetected" = (j.scores ->> 'faceDetected')::boolean,
    "SummaryFaceDistanceMin" = (j.scores ->> 'faceDistanceMin')::double precision,
    "SummaryFaceDistanceMean" = (j.scores ->> 'faceDistanceMean')::double precision,
    "SummaryFaceAnalyzer" = j.scores ->> 'faceAnalyzer'
FROM (SELECT "Id", "Request"::jsonb AS request, "Assets"::jsonb AS assets, "Scores"::jsonb AS scores FROM "Shots") AS j
WHERE j."Id" = "Shots"."Id";
ALTER TABLE "Shots"
    ALTER COLUMN "SummaryPrompt" DROP DEFAULT,
    ALTER COLUMN "SummarySeed" DROP DEFAULT,
    ALTER COLUMN "SummaryImageCount" DROP DEFAULT;
