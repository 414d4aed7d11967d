-- Videos made from pins (VideoRunner): one row per video call, with its stored file, cost and latency.
CREATE TABLE "Videos" (
    "Id" uuid NOT NULL,
    "CharacterId" uuid NOT NULL,
    "PinId" uuid NOT NULL,
    "Provider" character varying(100) NOT NULL,
    "Prompt" text NOT NULL,
    "DurationSeconds" integer NOT NULL,
    "AspectRatio" character varying(10) NOT NULL,
    "Status" character varying(20) NOT NULL,
    "AssetSha256" character varying(64),
    "ContentType" character varying(100),
    "ActualSeconds" double precision,
    "ProviderRequestId" text,
    "LatencyMs" double precision,
    "CostUsd" numeric(20,10) NOT NULL,
    "Simulated" boolean NOT NULL,
    "Error" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    CONSTRAINT "PK_Videos" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Videos_Characters_CharacterId" FOREIGN KEY ("CharacterId") REFERENCES "Characters" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Videos_Pins_PinId" FOREIGN KEY ("PinId") REFERENCES "Pins" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Videos_CharacterId" ON "Videos" ("CharacterId");

CREATE INDEX "IX_Videos_PinId" ON "Videos" ("PinId");
