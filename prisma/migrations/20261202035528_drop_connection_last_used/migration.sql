-- AlterTable
ALTER TABLE "CalendarConnection" DROP COLUMN "lastUsedAt";
