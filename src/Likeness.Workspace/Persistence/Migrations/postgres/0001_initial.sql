CREATE TABLE "Projects" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "BudgetUsd" numeric(20,10),
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Projects" PRIMARY KEY ("Id")
);

CREATE TABLE "Characters" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Description" text NOT NULL,
    "Profile" text NOT NULL,
    "TriggerToken" character varying(24) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Characters" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Characters_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Ledger" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "ReservationId" uuid NOT NULL,
    "AmountUsd" numeric(20,10) NOT NULL,
    "SubjectId" uuid,
    "Description" text NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Ledger" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Ledger_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "IdentityModels" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "Provider" character varying(100) NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Version" integer NOT NULL,
    "ParentId" uuid,
    "ProviderJobId" text,
    "ReservationId" uuid,
    "ReferenceIds" text NOT NULL,
    "TrainingParameters" text NOT NULL,
    "CostUsd" numeric(20,10) NOT NULL,
    "FailureReason" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    "Artifacts" text NOT NULL,
    CONSTRAINT "PK_IdentityModels" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_IdentityModels_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Pins" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "FrontalReferenceId" uuid NOT NULL,
    "ReferenceIds" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Pins" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Pins_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "References" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "AssetSha256" character varying(64) NOT NULL,
    "FileName" text NOT NULL,
    "Format" text NOT NULL,
    "Width" integer NOT NULL,
    "Height" integer NOT NULL,
    "SizeBytes" bigint NOT NULL,
    "Role" character varying(20) NOT NULL,
    "Fingerprint" bigint NOT NULL,
    "Analysis" text,
    "AddedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_References" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_References_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Shots" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "IdentityModelId" uuid NOT NULL,
    "Provider" character varying(100) NOT NULL,
    "Request" text NOT NULL,
    "CacheKey" character varying(64) NOT NULL,
    "Status" character varying(20) NOT NULL,
    "ProviderRequestId" text,
    "Assets" text NOT NULL,
    "LatencyMs" double precision,
    "CostUsd" numeric(20,10) NOT NULL,
    "Simulated" boolean NOT NULL,
    "Metadata" text NOT NULL,
    "Scores" text NOT NULL,
    "Error" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    CONSTRAINT "PK_Shots" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Shots_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Shots_IdentityModels_IdentityModelId" FOREIGN KEY ("IdentityModelId") REFERENCES "IdentityModels" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Characters_ProjectId_Name" ON "Characters" ("ProjectId", "Name");

CREATE UNIQUE INDEX "IX_Characters_TriggerToken" ON "Characters" ("TriggerToken");

CREATE UNIQUE INDEX "IX_IdentityModels_CharacterId_Provider_Version" ON "IdentityModels" ("CharacterId", "Provider", "Version");

CREATE INDEX "IX_Ledger_ProjectId" ON "Ledger" ("ProjectId");

CREATE INDEX "IX_Ledger_ReservationId" ON "Ledger" ("ReservationId");

CREATE INDEX "IX_Pins_CharacterId" ON "Pins" ("CharacterId");

CREATE UNIQUE INDEX "IX_Projects_Name" ON "Projects" ("Name");

CREATE UNIQUE INDEX "IX_References_CharacterId_AssetSha256" ON "References" ("CharacterId", "AssetSha256");

CREATE INDEX "IX_Shots_CacheKey" ON "Shots" ("CacheKey");

CREATE INDEX "IX_Shots_CharacterId" ON "Shots" ("CharacterId");

CREATE INDEX "IX_Shots_IdentityModelId" ON "Shots" ("IdentityModelId");
