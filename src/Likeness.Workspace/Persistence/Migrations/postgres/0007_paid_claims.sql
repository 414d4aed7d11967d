-- Durable claims on paid calls (ClaimBook): one row per shot cache key, identity creation and video request,
-- inserted before any money is reserved, so processes and nodes sharing the database pay for each call once.
CREATE TABLE "PaidClaims" (
    "Id" uuid NOT NULL,
    "Key" character varying(200) NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Provider" character varying(100) NOT NULL,
    "State" character varying(20) NOT NULL,
    "SubjectId" uuid,
    "ReservationId" uuid,
    "ProviderJobId" text,
    "Output" text,
    "Owner" character varying(200) NOT NULL,
    "Token" uuid NOT NULL,
    "LeaseUntil" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "Error" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PaidClaims" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PaidClaims_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_PaidClaims_Key" ON "PaidClaims" ("Key");

CREATE INDEX "IX_PaidClaims_ProjectId" ON "PaidClaims" ("ProjectId");

CREATE INDEX "IX_PaidClaims_ReservationId" ON "PaidClaims" ("ReservationId");

CREATE INDEX "IX_PaidClaims_SubjectId" ON "PaidClaims" ("SubjectId");
