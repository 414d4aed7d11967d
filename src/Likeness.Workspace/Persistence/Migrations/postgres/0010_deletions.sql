-- The audit of deletes (Deletion/DeletionService): who, what, when, the counts removed, and the files still to be
-- removed from the asset store after the commit (finished by `likeness doctor` when a removal was interrupted).
CREATE TABLE "Deletions" (
    "Id" uuid NOT NULL,
    "ProjectId" uuid NOT NULL,
    "Actor" character varying(200) NOT NULL,
    "Kind" character varying(20) NOT NULL,
    "SubjectId" uuid NOT NULL,
    "Forced" boolean NOT NULL,
    "Counts" text NOT NULL,
    "Bytes" bigint NOT NULL,
    "CostUsd" numeric(20,10) NOT NULL,
    "PendingAssets" text NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Deletions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Deletions_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Deletions_ProjectId" ON "Deletions" ("ProjectId");
