-- CreateEnum
CREATE TYPE "DomainVerificationStatus" AS ENUM ('PENDING', 'VERIFIED', 'FAILED');

-- AlterTable
ALTER TABLE "WorkspaceDomain" ADD COLUMN     "customerId" TEXT,
ADD COLUMN     "verifiedBy" TEXT;

-- CreateTable
CREATE TABLE "DomainVerification" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "status" "DomainVerificationStatus" NOT NULL DEFAULT 'PENDING',
    "stateHash" TEXT NOT NULL,
    "stateUsedAt" TIMESTAMPTZ(3),
    "codeVerifier" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "signedInEmail" TEXT,
    "customerId" TEXT,
    "verifiedDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "startedByTokenId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DomainVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DomainVerification_stateHash_key" ON "DomainVerification"("stateHash");

-- CreateIndex
CREATE INDEX "DomainVerification_organizationId_createdAt_idx" ON "DomainVerification"("organizationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DomainVerification_organizationId_id_key" ON "DomainVerification"("organizationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AdminApiToken_organizationId_id_key" ON "AdminApiToken"("organizationId", "id");

-- AddForeignKey
ALTER TABLE "DomainVerification" ADD CONSTRAINT "DomainVerification_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainVerification" ADD CONSTRAINT "DomainVerification_organizationId_startedByTokenId_fkey" FOREIGN KEY ("organizationId", "startedByTokenId") REFERENCES "AdminApiToken"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
