-- AlterEnum
ALTER TYPE "DomainVerificationStatus" ADD VALUE 'AWAITING_CONFIRMATION';

-- AlterTable
ALTER TABLE "DomainVerification" ADD COLUMN     "confirmBy" TIMESTAMPTZ(3),
ADD COLUMN     "confirmationHash" TEXT,
ADD COLUMN     "customerDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE UNIQUE INDEX "DomainVerification_confirmationHash_key" ON "DomainVerification"("confirmationHash");
