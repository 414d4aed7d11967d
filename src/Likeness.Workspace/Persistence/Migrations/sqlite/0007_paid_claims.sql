-- Durable claims on paid calls (ClaimBook): one row per shot cache key, identity creation and video request,
-- inserted before any money is reserved, so processes sharing the database pay for each call once.
CREATE TABLE "PaidClaims" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PaidClaims" PRIMARY KEY,
    "Key" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "ProjectId" TEXT NOT NULL,
    "Provider" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "SubjectId" TEXT NULL,
    "ReservationId" TEXT NULL,
    "ProviderJobId" TEXT NULL,
    "Output" TEXT NULL,
    "Owner" TEXT NOT NULL,
    "Token" TEXT NOT NULL,
    "LeaseUntil" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PaidClaims_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_PaidClaims_Key" ON "PaidClaims" ("Key");

CREATE INDEX "IX_PaidClaims_ProjectId" ON "PaidClaims" ("ProjectId");

CREATE INDEX "IX_PaidClaims_ReservationId" ON "PaidClaims" ("ReservationId");

CREATE INDEX "IX_PaidClaims_SubjectId" ON "PaidClaims" ("SubjectId");
