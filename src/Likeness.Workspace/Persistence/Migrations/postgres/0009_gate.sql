-- The identity gate (issue 18): each character's calibrated thresholds, one row per version; the cost caps gated
-- requests reserve against (whole micro-dollars, checked and moved in one UPDATE); and each shot's verdict.
CREATE TABLE "Calibrations" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "Metric" character varying(40) NOT NULL,
    "Model" character varying(200) NOT NULL,
    "Version" integer NOT NULL,
    "ReferenceFingerprint" character varying(64) NOT NULL,
    "Threshold" double precision,
    "TargetFalseAcceptRate" double precision NOT NULL,
    "FalseAcceptRate" double precision,
    "FalseAcceptRateUpper95" double precision,
    "FalseRejectRate" double precision,
    "GenuineCount" integer NOT NULL,
    "ImpostorCount" integer NOT NULL,
    "DistractorCount" integer NOT NULL,
    "Warnings" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Calibrations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Calibrations_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CostCaps" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "LimitMicros" bigint NOT NULL,
    "MaxAttempts" integer,
    "Attempts" integer NOT NULL,
    "ReservedMicros" bigint NOT NULL,
    "SpentMicros" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CostCaps" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CostCaps_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

ALTER TABLE "Shots" ADD "Verdict" text;

CREATE UNIQUE INDEX "IX_Calibrations_CharacterId_Metric_Version" ON "Calibrations" ("CharacterId", "Metric", "Version");

CREATE INDEX "IX_CostCaps_ProjectId" ON "CostCaps" ("ProjectId");
