-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('CONNECTED', 'NEEDS_RECONNECT', 'BLOCKED_BY_POLICY');

-- CreateEnum
CREATE TYPE "ConnectRequestSource" AS ENUM ('ADDON', 'ADMIN_MAIL');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AccessStatus" ADD VALUE 'NOT_CONNECTED';
ALTER TYPE "AccessStatus" ADD VALUE 'CONNECTION_REVOKED';
ALTER TYPE "AccessStatus" ADD VALUE 'SCOPE_NOT_GRANTED';
ALTER TYPE "AccessStatus" ADD VALUE 'BLOCKED_BY_POLICY';

-- DropForeignKey
ALTER TABLE "UserOAuthCredential" DROP CONSTRAINT "UserOAuthCredential_organizationId_fkey";

-- DropForeignKey
ALTER TABLE "UserOAuthCredential" DROP CONSTRAINT "UserOAuthCredential_organizationId_personId_fkey";

-- DropTable
DROP TABLE "UserOAuthCredential";

-- CreateTable
CREATE TABLE "CalendarConnection" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'CONNECTED',
    "encryptedRefreshToken" BYTEA NOT NULL,
    "keyId" TEXT NOT NULL,
    "previousEncryptedRefreshToken" BYTEA,
    "previousKeyId" TEXT,
    "grantedScopes" TEXT[],
    "statusReason" TEXT,
    "connectedAt" TIMESTAMPTZ(3) NOT NULL,
    "refreshedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarConnectRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "source" "ConnectRequestSource" NOT NULL,
    "linkHash" TEXT NOT NULL,
    "linkExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "linkUsedAt" TIMESTAMPTZ(3),
    "stateHash" TEXT,
    "codeVerifier" TEXT,
    "stateExpiresAt" TIMESTAMPTZ(3),
    "stateUsedAt" TIMESTAMPTZ(3),
    "completedAt" TIMESTAMPTZ(3),
    "failureCode" TEXT,
    "requestedBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarConnectRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CalendarConnection_keyId_id_idx" ON "CalendarConnection"("keyId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarConnection_organizationId_personId_key" ON "CalendarConnection"("organizationId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarConnectRequest_linkHash_key" ON "CalendarConnectRequest"("linkHash");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarConnectRequest_stateHash_key" ON "CalendarConnectRequest"("stateHash");

-- CreateIndex
CREATE INDEX "CalendarConnectRequest_organizationId_personId_idx" ON "CalendarConnectRequest"("organizationId", "personId");

-- AddForeignKey
ALTER TABLE "CalendarConnection" ADD CONSTRAINT "CalendarConnection_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarConnection" ADD CONSTRAINT "CalendarConnection_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarConnectRequest" ADD CONSTRAINT "CalendarConnectRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarConnectRequest" ADD CONSTRAINT "CalendarConnectRequest_organizationId_personId_fkey" FOREIGN KEY ("organizationId", "personId") REFERENCES "Person"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
