-- CreateEnum
CREATE TYPE "InterviewMode" AS ENUM ('IN_PERSON', 'VIRTUAL');

-- CreateEnum
CREATE TYPE "DebriefStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- AlterTable
ALTER TABLE "Rfp" ADD COLUMN     "finalWeights" JSONB,
ADD COLUMN     "finalWeightsSetAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Interview" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "mode" "InterviewMode" NOT NULL,
    "location" TEXT NOT NULL DEFAULT '',
    "meetingLink" TEXT NOT NULL DEFAULT '',
    "travelNote" TEXT NOT NULL DEFAULT '',
    "publishDaysBefore" INTEGER NOT NULL DEFAULT 5,
    "publishedAt" TIMESTAMPTZ(3),
    "vendorConfirmedAt" TIMESTAMPTZ(3),
    "vendorPresenters" TEXT NOT NULL DEFAULT '',
    "ownerNotes" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Interview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewAttendee" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "partial" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "InterviewAttendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "ownerMemberId" TEXT,
    "requiredExpertise" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgendaItemAttendee" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "attendeeId" TEXT NOT NULL,

    CONSTRAINT "AgendaItemAttendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MemberUnavailability" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "MemberUnavailability_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterviewSlotQuestion" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "questionId" TEXT,
    "criterionId" TEXT,

    CONSTRAINT "InterviewSlotQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Debrief" (
    "id" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" "DebriefStatus" NOT NULL DEFAULT 'DRAFT',
    "strengths" TEXT NOT NULL DEFAULT '',
    "concerns" TEXT NOT NULL DEFAULT '',
    "confidence" INTEGER,
    "placeSoFar" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Debrief_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OralScore" (
    "id" TEXT NOT NULL,
    "debriefId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "value" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "OralScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelRanking" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "tiers" JSONB NOT NULL,
    "submittedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PanelRanking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Interview_invitationId_key" ON "Interview"("invitationId");

-- CreateIndex
CREATE INDEX "Interview_rfpId_startsAt_idx" ON "Interview"("rfpId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "InterviewAttendee_interviewId_memberId_key" ON "InterviewAttendee"("interviewId", "memberId");

-- CreateIndex
CREATE INDEX "AgendaItem_interviewId_position_idx" ON "AgendaItem"("interviewId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItemAttendee_itemId_attendeeId_key" ON "AgendaItemAttendee"("itemId", "attendeeId");

-- CreateIndex
CREATE INDEX "MemberUnavailability_memberId_startsAt_idx" ON "MemberUnavailability"("memberId", "startsAt");

-- CreateIndex
CREATE INDEX "InterviewSlotQuestion_interviewId_position_idx" ON "InterviewSlotQuestion"("interviewId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Debrief_interviewId_memberId_key" ON "Debrief"("interviewId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "OralScore_debriefId_criterionId_key" ON "OralScore"("debriefId", "criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelRanking_memberId_key" ON "PanelRanking"("memberId");

-- CreateIndex
CREATE INDEX "PanelRanking_rfpId_idx" ON "PanelRanking"("rfpId");

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewAttendee" ADD CONSTRAINT "InterviewAttendee_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewAttendee" ADD CONSTRAINT "InterviewAttendee_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_ownerMemberId_fkey" FOREIGN KEY ("ownerMemberId") REFERENCES "RfpMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItemAttendee" ADD CONSTRAINT "AgendaItemAttendee_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "AgendaItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItemAttendee" ADD CONSTRAINT "AgendaItemAttendee_attendeeId_fkey" FOREIGN KEY ("attendeeId") REFERENCES "InterviewAttendee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberUnavailability" ADD CONSTRAINT "MemberUnavailability_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewSlotQuestion" ADD CONSTRAINT "InterviewSlotQuestion_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewSlotQuestion" ADD CONSTRAINT "InterviewSlotQuestion_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "InterviewQuestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterviewSlotQuestion" ADD CONSTRAINT "InterviewSlotQuestion_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Debrief" ADD CONSTRAINT "Debrief_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Debrief" ADD CONSTRAINT "Debrief_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OralScore" ADD CONSTRAINT "OralScore_debriefId_fkey" FOREIGN KEY ("debriefId") REFERENCES "Debrief"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OralScore" ADD CONSTRAINT "OralScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelRanking" ADD CONSTRAINT "PanelRanking_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelRanking" ADD CONSTRAINT "PanelRanking_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;
