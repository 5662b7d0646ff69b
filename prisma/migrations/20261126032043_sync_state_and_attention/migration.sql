-- AlterTable
ALTER TABLE "CalendarSyncState" ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastLagMs" INTEGER,
ADD COLUMN     "requestedCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "syncedCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "MentoringSession" ADD COLUMN     "attentionCode" TEXT,
ADD COLUMN     "attentionMessage" TEXT;

-- CreateIndex
CREATE INDEX "CalendarSyncState_dirtySince_idx" ON "CalendarSyncState"("dirtySince");
