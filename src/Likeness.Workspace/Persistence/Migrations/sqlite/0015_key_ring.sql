-- The server's data-protection key ring (the keys that sign session cookies and antiforgery tokens), shared by every
-- node on this database so a cookie issued by one node is accepted by the others.
CREATE TABLE "KeyRing" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_KeyRing" PRIMARY KEY,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);
