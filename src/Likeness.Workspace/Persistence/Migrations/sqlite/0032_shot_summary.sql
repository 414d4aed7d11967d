-- The shot list's summary fields in columns of their own (ShotSummaryColumns): the request's prompt, scenario and
-- seed, the image count and the face score, so a page reads plain columns instead of parsing each shot's request,
-- images and scores (with the 128-float face descriptor). The application writes them on every save of a shot.
-- Existing shots get them from their stored JSON (web names: camelCase; a JSON true is 1, a JSON null is NULL).
ALTER TABLE "Shots" ADD "SummaryPrompt" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Shots" ADD "SummaryScenario" TEXT NULL;
ALTER TABLE "Shots" ADD "SummarySeed" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Shots" ADD "SummaryImageCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Shots" ADD "SummaryFaceDetected" INTEGER NULL;
ALTER TABLE "Shots" ADD "SummaryFaceDistanceMin" REAL NULL;
ALTER TABLE "Shots" ADD "SummaryFaceDistanceMean" REAL NULL;
ALTER TABLE "Shots" ADD "SummaryFaceAnalyzer" TEXT NULL;
UPDATE "Shots" SET
    "SummaryPrompt" = coalesce(json_extract("Request", '$.prompt'), ''),
    "SummaryScenario" = json_extract("Request", '$.scenario'),
    "SummarySeed" = coalesce(json_extract("Request", '$.seed'), 0),
    "SummaryImageCount" = coalesce(json_array_length("Assets"), 0),
    "SummaryFaceDetected" = json_extract("Scores", '$.faceDetected'),
    "SummaryFaceDistanceMin" = json_extract("Scores", '$.faceDistanceMin'),
    "SummaryFaceDistanceMean" = json_extract("Scores", '$.faceDistanceMean'),
    "SummaryFaceAnalyzer" = json_extract("Scores", '$.faceAnalyzer');
