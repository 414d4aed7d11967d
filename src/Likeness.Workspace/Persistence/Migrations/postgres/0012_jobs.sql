-- Background jobs' records (the server's job engine: status, percent, cost so far, results, error as problem JSON,
-- a version per change) and provider webhooks taken for handling (one row per completion, so a redelivery to any
-- node is handled once).
CREATE TABLE "WebhookReceipts" (
    "Provider" character varying(100) NOT NULL,
    "RequestId" character varying(200) NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WebhookReceipts" PRIMARY KEY ("Provider", "RequestId")
);

CREATE TABLE "Jobs" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "Input" text NOT NULL,
    "Status" character varying(20) NOT NULL,
    "Percent" double precision NOT NULL,
    "CostUsd" numeric NOT NULL,
    "Message" character varying(1000),
    "ResultIds" text NOT NULL,
    "Error" text,
    "SubjectId" uuid,
    "CancelRequested" boolean NOT NULL,
    "Version" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Jobs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Jobs_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Jobs_ProjectId" ON "Jobs" ("ProjectId");

CREATE INDEX "IX_Jobs_SubjectId" ON "Jobs" ("SubjectId");
