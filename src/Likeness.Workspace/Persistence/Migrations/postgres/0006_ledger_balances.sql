-- Each project's running ledger totals (LedgerBook), written in the same transaction as each ledger line so no
-- write replays the ledger; writers lock the row (SELECT ... FOR UPDATE). Existing projects get their row on the
-- next ledger write, which counts their older lines once ("Seeded").
CREATE TABLE "LedgerBalances" (
    "ProjectId" uuid NOT NULL,
    "CommittedUsd" numeric(20,10) NOT NULL,
    "ReservedUsd" numeric(20,10) NOT NULL,
    "Entries" bigint NOT NULL,
    "Seeded" boolean NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_LedgerBalances" PRIMARY KEY ("ProjectId"),
    CONSTRAINT "FK_LedgerBalances_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
