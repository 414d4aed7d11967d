-- Members' credits per project (allowance per period, used, held, the day's paid calls), the credits each open
-- reservation holds, spending alerts (unique per threshold and period; with their webhook delivery state, an
-- outbox), the price tables seen (for price-change alerts) and the audit log of paid calls and membership changes.
CREATE TABLE "MemberCredits" (
    "ProjectId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "AllowanceUsd" TEXT NULL,
    "Period" TEXT NOT NULL,
    "UsedUsd" TEXT NOT NULL,
    "ReservedUsd" TEXT NOT NULL,
    "LastReset" TEXT NOT NULL,
    "GenerationsDay" TEXT NOT NULL,
    "Generations" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_MemberCredits" PRIMARY KEY ("ProjectId", "UserId"),
    CONSTRAINT "FK_MemberCredits_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CreditHolds" (
    "ReservationId" TEXT NOT NULL CONSTRAINT "PK_CreditHolds" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "AmountUsd" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_CreditHolds_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CreditHolds_ProjectId_UserId" ON "CreditHolds" ("ProjectId", "UserId");

CREATE TABLE "Alerts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Alerts" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "ThresholdPercent" INTEGER NOT NULL,
    "UsedUsd" TEXT NOT NULL,
    "LimitUsd" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Message" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "DeliveredAt" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NULL,
    "LastError" TEXT NULL,
    CONSTRAINT "FK_Alerts_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Alerts_Key" ON "Alerts" ("Key");

CREATE INDEX "IX_Alerts_ProjectId" ON "Alerts" ("ProjectId");

CREATE TABLE "AuditLog" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditLog" PRIMARY KEY,
    "ProjectId" TEXT NOT NULL,
    "ActorUserId" TEXT NULL,
    "Action" TEXT NOT NULL,
    "Detail" TEXT NOT NULL,
    "SubjectId" TEXT NULL,
    "AmountUsd" TEXT NULL,
    "At" TEXT NOT NULL
);

CREATE INDEX "IX_AuditLog_ProjectId" ON "AuditLog" ("ProjectId");

CREATE TABLE "PriceSnapshots" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PriceSnapshots" PRIMARY KEY,
    "Fingerprint" TEXT NOT NULL,
    "Lines" TEXT NOT NULL,
    "SeenAt" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_PriceSnapshots_Fingerprint" ON "PriceSnapshots" ("Fingerprint");
