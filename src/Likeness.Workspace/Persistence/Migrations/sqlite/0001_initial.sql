CREATE TABLE "Projects" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Projects" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "BudgetUsd" TEXT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "Characters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Characters" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Profile" text NOT NULL,
    "TriggerToken" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Characters_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Ledger" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Ledger" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ReservationId" TEXT NOT NULL,
    "AmountUsd" TEXT NOT NULL,
    "SubjectId" TEXT NULL,
    "Description" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_Ledger_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "IdentityModels" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IdentityModels" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "ParentId" TEXT NULL,
    "ProviderJobId" TEXT NULL,
    "ReservationId" TEXT NULL,
    "ReferenceIds" text NOT NULL,
    "TrainingParameters" text NOT NULL,
    "CostUsd" TEXT NOT NULL,
    "FailureReason" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CompletedAt" TEXT NULL,
    "Artifacts" text NOT NULL,
    CONSTRAINT "FK_IdentityModels_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Pins" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Pins" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "FrontalReferenceId" TEXT NOT NULL,
    "ReferenceIds" text NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Pins_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "References" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_References" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "AssetSha256" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "SizeBytes" INTEGER NOT NULL,
    "Role" TEXT NOT NULL,
    "Fingerprint" INTEGER NOT NULL,
    "Analysis" text NULL,
    "AddedAt" TEXT NOT NULL,
    CONSTRAINT "FK_References_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Shots" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Shots" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "IdentityModelId" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "Request" text NOT NULL,
    "CacheKey" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "ProviderRequestId" TEXT NULL,
    "Assets" text NOT NULL,
    "LatencyMs" REAL NULL,
    "CostUsd" TEXT NOT NULL,
    "Simulated" INTEGER NOT NULL,
    "Metadata" text NOT NULL,
    "Scores" text NOT NULL,
    "Error" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CompletedAt" TEXT NULL,
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
