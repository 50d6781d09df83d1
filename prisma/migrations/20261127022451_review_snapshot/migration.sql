-- AlterTable
ALTER TABLE "Recommendation" ADD COLUMN     "submittedReview" JSONB;
