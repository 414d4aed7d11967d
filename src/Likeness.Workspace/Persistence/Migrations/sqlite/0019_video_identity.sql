-- Every made video is followed frame by frame against its character (MadeVideoChecker): the summary lives on the
-- row, the per-frame report and its chart in the asset store.
ALTER TABLE "Videos" ADD "IdentityDetectionRate" REAL NULL;
ALTER TABLE "Videos" ADD "IdentityKeptRate" REAL NULL;
ALTER TABLE "Videos" ADD "IdentityMedianDistance" REAL NULL;
ALTER TABLE "Videos" ADD "IdentityThreshold" REAL NULL;
ALTER TABLE "Videos" ADD "IdentityBreaks" INTEGER NULL;
ALTER TABLE "Videos" ADD "IdentityNote" TEXT NULL;
ALTER TABLE "Videos" ADD "IdentityReportSha256" TEXT NULL;
ALTER TABLE "Videos" ADD "IdentityChartSha256" TEXT NULL;
