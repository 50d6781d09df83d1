-- CreateEnum
CREATE TYPE "ConflictDecision" AS ENUM ('PENDING', 'RECUSED_VENDOR', 'RECUSED_PANEL', 'ACCEPTED_WITH_MITIGATION');

-- CreateEnum
CREATE TYPE "SheetStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "ShortlistOutcome" AS ENUM ('SHORTLISTED', 'NOT_SHORTLISTED');

-- AlterTable
ALTER TABLE "Rfp" ADD COLUMN     "consensusOpenedAt" TIMESTAMPTZ(3),
ADD COLUMN     "priceFormula" JSONB,
ADD COLUMN     "priceFormulaFixedAt" TIMESTAMPTZ(3),
ADD COLUMN     "pricesVisibleToPanel" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "shortlistDecidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "shortlistSize" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "ConflictDeclaration" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "hasConflict" BOOLEAN NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "declaredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" "ConflictDecision",
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConflictDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelAssignment" (
    "id" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,

    CONSTRAINT "PanelAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScoreSheet" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "status" "SheetStatus" NOT NULL DEFAULT 'DRAFT',
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3),
    "reopenedAt" TIMESTAMPTZ(3),
    "reopenReason" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScoreSheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Score" (
    "id" TEXT NOT NULL,
    "sheetId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "value" INTEGER,
    "comment" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Score_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsensusScore" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "rationale" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsensusScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinorityOpinion" (
    "id" TEXT NOT NULL,
    "consensusId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "opinion" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinorityOpinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShortlistDecision" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "outcome" "ShortlistOutcome" NOT NULL,
    "rationale" TEXT NOT NULL,
    "broughtInAnyway" BOOLEAN NOT NULL DEFAULT false,
    "justification" TEXT,
    "requestedBy" TEXT,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShortlistDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConflictDeclaration_rfpId_idx" ON "ConflictDeclaration"("rfpId");

-- CreateIndex
CREATE UNIQUE INDEX "ConflictDeclaration_memberId_invitationId_key" ON "ConflictDeclaration"("memberId", "invitationId");

-- CreateIndex
CREATE UNIQUE INDEX "PanelAssignment_memberId_criterionId_key" ON "PanelAssignment"("memberId", "criterionId");

-- CreateIndex
CREATE INDEX "ScoreSheet_rfpId_status_idx" ON "ScoreSheet"("rfpId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ScoreSheet_memberId_invitationId_key" ON "ScoreSheet"("memberId", "invitationId");

-- CreateIndex
CREATE INDEX "Score_criterionId_idx" ON "Score"("criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "Score_sheetId_criterionId_key" ON "Score"("sheetId", "criterionId");

-- CreateIndex
CREATE INDEX "ConsensusScore_rfpId_idx" ON "ConsensusScore"("rfpId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsensusScore_invitationId_criterionId_key" ON "ConsensusScore"("invitationId", "criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "MinorityOpinion_consensusId_memberId_key" ON "MinorityOpinion"("consensusId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ShortlistDecision_invitationId_key" ON "ShortlistDecision"("invitationId");

-- CreateIndex
CREATE INDEX "ShortlistDecision_rfpId_idx" ON "ShortlistDecision"("rfpId");

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConflictDeclaration" ADD CONSTRAINT "ConflictDeclaration_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelAssignment" ADD CONSTRAINT "PanelAssignment_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelAssignment" ADD CONSTRAINT "PanelAssignment_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScoreSheet" ADD CONSTRAINT "ScoreSheet_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_sheetId_fkey" FOREIGN KEY ("sheetId") REFERENCES "ScoreSheet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Score" ADD CONSTRAINT "Score_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsensusScore" ADD CONSTRAINT "ConsensusScore_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsensusScore" ADD CONSTRAINT "ConsensusScore_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsensusScore" ADD CONSTRAINT "ConsensusScore_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsensusScore" ADD CONSTRAINT "ConsensusScore_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinorityOpinion" ADD CONSTRAINT "MinorityOpinion_consensusId_fkey" FOREIGN KEY ("consensusId") REFERENCES "ConsensusScore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MinorityOpinion" ADD CONSTRAINT "MinorityOpinion_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "RfpMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistDecision" ADD CONSTRAINT "ShortlistDecision_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistDecision" ADD CONSTRAINT "ShortlistDecision_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortlistDecision" ADD CONSTRAINT "ShortlistDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
