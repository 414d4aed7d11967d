-- Background jobs' records (the server's job engine: status, percent, cost so far, results, error as problem JSON,
-- a version per change) and provider webhooks taken for handling (one row per completion, so a redelivery to any
-- node is handled once).
CREATE TABLE "WebhookReceipts" (
    "Provider" TEXT NOT NULL,
    "RequestId" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    CONSTRAINT "PK_WebhookReceipts" PRIMARY KEY ("Provider", "RequestId")
);

CREATE TABLE "Jobs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Jobs" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Input" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Percent" REAL NOT NULL,
    "CostUsd" TEXT NOT NULL,
    "Message" TEXT NULL,
    "ResultIds" text NOT NULL,
    "Error" TEXT NULL,
    "SubjectId" TEXT NULL,
    "CancelRequested" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_Jobs_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Jobs_ProjectId" ON "Jobs" ("ProjectId");

CREATE INDEX "IX_Jobs_SubjectId" ON "Jobs" ("SubjectId");
