-- Every made video is followed frame by frame against its character (MadeVideoChecker): the summary lives on the
-- row, the per-frame report and its chart in the asset store.
ALTER TABLE "Videos" ADD "IdentityDetectionRate" double precision;
ALTER TABLE "Videos" ADD "IdentityKeptRate" double precision;
ALTER TABLE "Videos" ADD "IdentityMedianDistance" double precision;
ALTER TABLE "Videos" ADD "IdentityThreshold" double precision;
ALTER TABLE "Videos" ADD "IdentityBreaks" integer;
ALTER TABLE "Videos" ADD "IdentityNote" text;
ALTER TABLE "Videos" ADD "IdentityReportSha256" character varying(64);
ALTER TABLE "Videos" ADD "IdentityChartSha256" character varying(64);
