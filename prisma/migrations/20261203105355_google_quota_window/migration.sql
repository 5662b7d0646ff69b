-- AlterTable
ALTER TABLE "GoogleQuotaBucket" ADD COLUMN     "windowCalls" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "windowSlot" DOUBLE PRECISION;
