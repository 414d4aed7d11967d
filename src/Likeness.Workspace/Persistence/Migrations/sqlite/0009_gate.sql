-- The identity gate (issue 18): each character's calibrated thresholds, one row per version; the cost caps gated
-- requests reserve against (whole micro-dollars, checked and moved in one UPDATE); and each shot's verdict.
CREATE TABLE "Calibrations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Calibrations" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "Metric" TEXT NOT NULL,
    "Model" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "ReferenceFingerprint" TEXT NOT NULL,
    "Threshold" REAL NULL,
    "TargetFalseAcceptRate" REAL NOT NULL,
    "FalseAcceptRate" REAL NULL,
    "FalseAcceptRateUpper95" REAL NULL,
    "FalseRejectRate" REAL NULL,
    "GenuineCount" INTEGER NOT NULL,
    "ImpostorCount" INTEGER NOT NULL,
    "DistractorCount" INTEGER NOT NULL,
    "Warnings" text NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Calibrations_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CostCaps" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CostCaps" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "LimitMicros" INTEGER NOT NULL,
    "MaxAttempts" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "ReservedMicros" INTEGER NOT NULL,
    "SpentMicros" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_CostCaps_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

ALTER TABLE "Shots" ADD "Verdict" text NULL;

CREATE UNIQUE INDEX "IX_Calibrations_CharacterId_Metric_Version" ON "Calibrations" ("CharacterId", "Metric", "Version");

CREATE INDEX "IX_CostCaps_ProjectId" ON "CostCaps" ("ProjectId");
