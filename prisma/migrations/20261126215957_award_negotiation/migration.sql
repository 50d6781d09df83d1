-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('PENDING', 'APPROVED', 'RETURNED');

-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('INTENT_TO_AWARD', 'RESERVE', 'REGRET');

-- CreateEnum
CREATE TYPE "NegotiationStatus" AS ENUM ('OPEN', 'READY', 'BROKEN_DOWN', 'CONCLUDED');

-- CreateEnum
CREATE TYPE "RenewalType" AS ENUM ('NONE', 'AUTOMATIC', 'BY_MUTUAL_AGREEMENT');

-- CreateEnum
CREATE TYPE "SetBy" AS ENUM ('VENDOR', 'CUSTOMER', 'AGREED');

-- CreateEnum
CREATE TYPE "FeeKind" AS ENUM ('EARLY_TERMINATION', 'ONE_OFF', 'RECURRING', 'OTHER');

-- CreateEnum
CREATE TYPE "Party" AS ENUM ('VENDOR', 'CUSTOMER');

-- CreateEnum
CREATE TYPE "TermStatus" AS ENUM ('OPEN', 'AGREED', 'ESCALATED', 'DROPPED');

-- CreateEnum
CREATE TYPE "CommitmentSource" AS ENUM ('PROPOSAL', 'INTERVIEW');

-- CreateEnum
CREATE TYPE "CommitmentDisposition" AS ENUM ('PENDING', 'OBLIGATION', 'DROPPED', 'ACCEPTED_LIMITATION');

-- CreateEnum
CREATE TYPE "FlagResolutionStatus" AS ENUM ('RESOLVED', 'ACCEPTED');

-- CreateTable
CREATE TABLE "Recommendation" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "recommendedInvitationId" TEXT NOT NULL,
    "runnerUpInvitationId" TEXT,
    "memo" TEXT NOT NULL,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'DRAFT',
    "round" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Recommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Approval" (
    "id" TEXT NOT NULL,
    "recommendationId" TEXT NOT NULL,
    "approverId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "decision" "ApprovalDecision" NOT NULL DEFAULT 'PENDING',
    "comment" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwardNotice" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "bodyText" TEXT NOT NULL,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "AwardNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Negotiation" (
    "id" TEXT NOT NULL,
    "rfpId" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "status" "NegotiationStatus" NOT NULL DEFAULT 'OPEN',
    "sponsorId" TEXT,
    "currency" VARCHAR(3) NOT NULL,
    "termLengthMonths" INTEGER,
    "startDate" TIMESTAMPTZ(3),
    "renewal" "RenewalType" NOT NULL DEFAULT 'NONE',
    "noticePeriodDays" INTEGER,
    "terminationForConvenience" BOOLEAN NOT NULL DEFAULT false,
    "exitOnChronicSlaFailure" BOOLEAN NOT NULL DEFAULT false,
    "serviceTier" TEXT NOT NULL DEFAULT '',
    "termsOfService" TEXT NOT NULL DEFAULT '',
    "priceChange" JSONB,
    "breakdownReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Negotiation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NegotiationPriceLine" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "kind" "PriceKind" NOT NULL,
    "unit" TEXT NOT NULL,
    "quantity" DECIMAL(14,3) NOT NULL,
    "unitPrice" DECIMAL(16,2) NOT NULL,

    CONSTRAINT "NegotiationPriceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaLine" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "measurementWindow" TEXT NOT NULL DEFAULT '',
    "reporting" TEXT NOT NULL DEFAULT '',
    "serviceCredit" TEXT NOT NULL DEFAULT '',
    "setBy" "SetBy" NOT NULL DEFAULT 'AGREED',

    CONSTRAINT "SlaLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractFee" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "kind" "FeeKind" NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "ContractFee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractObligation" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "party" "Party" NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ContractObligation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractTerm" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "ourPosition" TEXT NOT NULL DEFAULT '',
    "vendorPosition" TEXT NOT NULL DEFAULT '',
    "agreedWording" TEXT NOT NULL DEFAULT '',
    "status" "TermStatus" NOT NULL DEFAULT 'OPEN',
    "ownerId" TEXT,
    "escalationDecision" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ContractTerm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractTermChange" (
    "id" TEXT NOT NULL,
    "termId" TEXT NOT NULL,
    "changedById" TEXT,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" JSONB NOT NULL,

    CONSTRAINT "ContractTermChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommitmentItem" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "source" "CommitmentSource" NOT NULL,
    "sourceRef" TEXT NOT NULL DEFAULT '',
    "kind" "CommitmentKind" NOT NULL,
    "text" TEXT NOT NULL,
    "disposition" "CommitmentDisposition" NOT NULL DEFAULT 'PENDING',
    "obligationWording" TEXT NOT NULL DEFAULT '',
    "dropReason" TEXT NOT NULL DEFAULT '',
    "resolveBy" TIMESTAMPTZ(3),

    CONSTRAINT "CommitmentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RiskFlagDecision" (
    "id" TEXT NOT NULL,
    "negotiationId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "status" "FlagResolutionStatus" NOT NULL,
    "note" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskFlagDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Recommendation_rfpId_idx" ON "Recommendation"("rfpId");

-- CreateIndex
CREATE INDEX "Approval_approverId_decision_idx" ON "Approval"("approverId", "decision");

-- CreateIndex
CREATE UNIQUE INDEX "Approval_recommendationId_approverId_round_key" ON "Approval"("recommendationId", "approverId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "AwardNotice_invitationId_kind_key" ON "AwardNotice"("invitationId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Negotiation_invitationId_key" ON "Negotiation"("invitationId");

-- CreateIndex
CREATE INDEX "Negotiation_rfpId_idx" ON "Negotiation"("rfpId");

-- CreateIndex
CREATE INDEX "NegotiationPriceLine_negotiationId_position_idx" ON "NegotiationPriceLine"("negotiationId", "position");

-- CreateIndex
CREATE INDEX "SlaLine_negotiationId_position_idx" ON "SlaLine"("negotiationId", "position");

-- CreateIndex
CREATE INDEX "ContractTerm_negotiationId_position_idx" ON "ContractTerm"("negotiationId", "position");

-- CreateIndex
CREATE INDEX "ContractTermChange_termId_changedAt_idx" ON "ContractTermChange"("termId", "changedAt");

-- CreateIndex
CREATE INDEX "CommitmentItem_negotiationId_position_idx" ON "CommitmentItem"("negotiationId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RiskFlagDecision_negotiationId_flagKey_key" ON "RiskFlagDecision"("negotiationId", "flagKey");

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_recommendedInvitationId_fkey" FOREIGN KEY ("recommendedInvitationId") REFERENCES "Invitation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recommendation" ADD CONSTRAINT "Recommendation_runnerUpInvitationId_fkey" FOREIGN KEY ("runnerUpInvitationId") REFERENCES "Invitation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_recommendationId_fkey" FOREIGN KEY ("recommendationId") REFERENCES "Recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Approval" ADD CONSTRAINT "Approval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardNotice" ADD CONSTRAINT "AwardNotice_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AwardNotice" ADD CONSTRAINT "AwardNotice_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Negotiation" ADD CONSTRAINT "Negotiation_rfpId_fkey" FOREIGN KEY ("rfpId") REFERENCES "Rfp"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Negotiation" ADD CONSTRAINT "Negotiation_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "Invitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Negotiation" ADD CONSTRAINT "Negotiation_sponsorId_fkey" FOREIGN KEY ("sponsorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NegotiationPriceLine" ADD CONSTRAINT "NegotiationPriceLine_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlaLine" ADD CONSTRAINT "SlaLine_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractFee" ADD CONSTRAINT "ContractFee_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractObligation" ADD CONSTRAINT "ContractObligation_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTerm" ADD CONSTRAINT "ContractTerm_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTerm" ADD CONSTRAINT "ContractTerm_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTermChange" ADD CONSTRAINT "ContractTermChange_termId_fkey" FOREIGN KEY ("termId") REFERENCES "ContractTerm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContractTermChange" ADD CONSTRAINT "ContractTermChange_changedById_fkey" FOREIGN KEY ("changedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitmentItem" ADD CONSTRAINT "CommitmentItem_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlagDecision" ADD CONSTRAINT "RiskFlagDecision_negotiationId_fkey" FOREIGN KEY ("negotiationId") REFERENCES "Negotiation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskFlagDecision" ADD CONSTRAINT "RiskFlagDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
