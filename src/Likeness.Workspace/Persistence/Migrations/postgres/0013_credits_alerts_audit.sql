-- Members' credits per project (allowance per period, used, held, the day's paid calls), the credits each open
-- reservation holds, spending alerts (unique per threshold and period; with their webhook delivery state, an
-- outbox), the price tables seen (for price-change alerts) and the audit log of paid calls and membership changes.
CREATE TABLE "MemberCredits" (
    "ProjectId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "AllowanceUsd" numeric(20,10),
    "Period" character varying(10) NOT NULL,
    "UsedUsd" numeric(20,10) NOT NULL,
    "ReservedUsd" numeric(20,10) NOT NULL,
    "LastReset" timestamp with time zone NOT NULL,
    "GenerationsDay" timestamp with time zone NOT NULL,
    "Generations" integer NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_MemberCredits" PRIMARY KEY ("ProjectId", "UserId"),
    CONSTRAINT "FK_MemberCredits_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CreditHolds" (
    "ReservationId" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "AmountUsd" numeric(20,10) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CreditHolds" PRIMARY KEY ("ReservationId"),
    CONSTRAINT "FK_CreditHolds_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CreditHolds_ProjectId_UserId" ON "CreditHolds" ("ProjectId", "UserId");

CREATE TABLE "Alerts" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "UserId" uuid,
    "ThresholdPercent" integer NOT NULL,
    "UsedUsd" numeric(20,10) NOT NULL,
    "LimitUsd" numeric(20,10) NOT NULL,
    "Key" character varying(300) NOT NULL,
    "Message" character varying(1000) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "DeliveredAt" timestamp with time zone,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone,
    "LastError" character varying(1000),
    CONSTRAINT "PK_Alerts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Alerts_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Alerts_Key" ON "Alerts" ("Key");

CREATE INDEX "IX_Alerts_ProjectId" ON "Alerts" ("ProjectId");

CREATE TABLE "AuditLog" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "ActorUserId" uuid,
    "Action" character varying(40) NOT NULL,
    "Detail" character varying(500) NOT NULL,
    "SubjectId" uuid,
    "AmountUsd" numeric(20,10),
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AuditLog" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_AuditLog_ProjectId" ON "AuditLog" ("ProjectId");

CREATE TABLE "PriceSnapshots" (
    "Id" uuid NOT NULL,
    "Fingerprint" character varying(64) NOT NULL,
    "Lines" text NOT NULL,
    "SeenAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PriceSnapshots" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_PriceSnapshots_Fingerprint" ON "PriceSnapshots" ("Fingerprint");
