-- Each project's running ledger totals (LedgerBook), written in the same transaction as each ledger line so no
-- write replays the ledger. Existing projects get their row on the next ledger write, which counts their older
-- lines once ("Seeded").
CREATE TABLE "LedgerBalances" (
    "ProjectId" TEXT NOT NULL CONSTRAINT "PK_LedgerBalances" PRIMARY KEY,
    "CommittedUsd" TEXT NOT NULL,
    "ReservedUsd" TEXT NOT NULL,
    "Entries" INTEGER NOT NULL,
    "Seeded" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_LedgerBalances_Projects_ProjectId" FOREIGN KEY ("ProjectId") REFERENCES "Projects" ("Id") ON DELETE CASCADE
);
