-- AlterTable
ALTER TABLE "MentoringSession" DROP COLUMN "conflictDetectedAt",
DROP COLUMN "durationMinutes";
