-- Videos made from pins (VideoRunner): one row per video call, with its stored file, cost and latency.
CREATE TABLE "Videos" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Videos" PRIMARY KEY,
    "CharacterId" TEXT NOT NULL,
    "PinId" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "Prompt" TEXT NOT NULL,
    "DurationSeconds" INTEGER NOT NULL,
    "AspectRatio" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "AssetSha256" TEXT NULL,
    "ContentType" TEXT NULL,
    "ActualSeconds" REAL NULL,
    "ProviderRequestId" TEXT NULL,
    "LatencyMs" REAL NULL,
    "CostUsd" TEXT NOT NULL,
    "Simulated" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CompletedAt" TEXT NULL,
    CONSTRAINT "FK_Videos_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Videos_Pins_PinId" FOREIGN KEY ("PinId") REFERENCES "Pins" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Videos_CharacterId" ON "Videos" ("CharacterId");

CREATE INDEX "IX_Videos_PinId" ON "Videos" ("PinId");
