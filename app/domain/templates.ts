import { LINKABLE_STAGES, MAX_CRITERIA_DEPTH, scaleIssue } from "./authoring";
import { type CriterionStage, criteriaTreeIssues, defaultDescriptors } from "./criteria";

/**
 * RFP templates: the reusable part of an RFP (document, criteria, interview question bank), with
 * nothing about vendors, dates or budget. Built-in templates live here; a lead's own templates are
 * the same content stored as JSON (RfpTemplate.content). Criteria refer to each other and are
 * referred to by requirements through `key`s, which become ids when an RFP is created from it.
 */
export type TemplateCriterion = {
  key: string;
  parentKey: string | null;
  name: string;
  description: string | null;
  /** Percent of the parent; siblings sum to 100. */
  weight: number;
  stage: CriterionStage;
  scaleMin: number;
  scaleMax: number;
  descriptors: string[];
};

export type TemplateRequirement = {
  text: string;
  kind: "MANDATORY" | "SCORED";
  criterionKey: string | null;
  evidenceRequested: string | null;
};

export type TemplateSection = { title: string; body: string; requirements: TemplateRequirement[] };
export type TemplateQuestion = { category: string; text: string; standard: boolean };

export type TemplateContent = {
  sections: TemplateSection[];
  /** Parents before their children; siblings in display order. */
  criteria: TemplateCriterion[];
  interviewQuestions: TemplateQuestion[];
};

export type BuiltInTemplate = {
  id: string;
  name: string;
  description: string;
  category: string;
  content: TemplateContent;
};

/**
 * The categories every oral interview covers; vendors receive these questions in advance so the
 * presentation answers them rather than repeating the sales pitch.
 */
export const STANDARD_QUESTION_CATEGORIES = [
  "Similar industry engagements",
  "System integration",
  "Communication channels",
  "Quality control",
  "Branding",
] as const;

export const STANDARD_INTERVIEW_QUESTIONS: TemplateQuestion[] = [
  {
    category: "Similar industry engagements",
    text: "Walk us through two engagements of similar scope in our industry: what went well, what went wrong, and what you changed as a result.",
  },
  {
    category: "Similar industry engagements",
    text: "Which clients from those engagements may we call as references, and what will they say was the hardest part of working with you?",
  },
  {
    category: "System integration",
    text: "How will your tools and processes connect with our systems, who builds and owns each integration, and what happens when one of them fails?",
  },
  {
    category: "System integration",
    text: "Which of our data will you hold in your systems, and how do we get all of it back, in what format, when the contract ends?",
  },
  {
    category: "Communication channels",
    text: "Who is our day-to-day contact, who do we escalate to above them, and how quickly does each respond?",
  },
  {
    category: "Communication channels",
    text: "How will you tell us about a service failure before our users or customers tell us?",
  },
  {
    category: "Quality control",
    text: "How do you measure quality on an account like ours? Show us a recent quality report you sent to a client.",
  },
  {
    category: "Quality control",
    text: "Who set the service levels in your proposal, and who wrote the contract terms you propose? What would you change about them?",
  },
  {
    category: "Branding",
    text: "How will your people represent our organisation and our brand to our users and customers, and how do you check that they do?",
  },
].map((question) => ({ ...question, standard: true }));

const STANDARD_CATEGORY_ORDER = new Map<string, number>(
  STANDARD_QUESTION_CATEGORIES.map((category, index) => [category, index]),
);

/** Questions grouped by category: the standard categories first in their usual order, then the others A–Z. */
export function groupQuestionsByCategory<T extends { category: string }>(questions: T[]) {
  const groups = new Map<string, T[]>();
  for (const question of questions) {
    const group = groups.get(question.category) ?? [];
    group.push(question);
    groups.set(question.category, group);
  }
  return [...groups.entries()]
    .map(([category, items]) => ({ category, standard: STANDARD_CATEGORY_ORDER.has(category), questions: items }))
    .sort((a, b) => {
      const rankA = STANDARD_CATEGORY_ORDER.get(a.category) ?? Number.MAX_SAFE_INTEGER;
      const rankB = STANDARD_CATEGORY_ORDER.get(b.category) ?? Number.MAX_SAFE_INTEGER;
      return rankA - rankB || a.category.localeCompare(b.category);
    });
}

/** Standard questions missing from a bank (compared by wording), to restore them in one step. */
export function missingStandardQuestions(bank: { text: string }[]) {
  const present = new Set(bank.map((question) => question.text.trim()));
  return STANDARD_INTERVIEW_QUESTIONS.filter((question) => !present.has(question.text));
}

export function templateSummary(content: TemplateContent) {
  const requirements = content.sections.flatMap((section) => section.requirements);
  return {
    sections: content.sections.length,
    requirements: requirements.length,
    mandatory: requirements.filter((requirement) => requirement.kind === "MANDATORY").length,
    criteria: content.criteria.length,
    questions: content.interviewQuestions.length,
  };
}

/**
 * What is wrong with a template's content: the same rules the editor enforces (weights sum to 100
 * per level, depth, scales and descriptors, scored requirements on a written/oral leaf).
 */
export function templateContentIssues(content: TemplateContent): string[] {
  const issues: string[] = [];
  const keys = new Set<string>();
  const depth = new Map<string, number>();
  for (const criterion of content.criteria) {
    if (keys.has(criterion.key)) issues.push(`Criterion key “${criterion.key}” is used twice.`);
    keys.add(criterion.key);
    const parentDepth = criterion.parentKey === null ? 0 : depth.get(criterion.parentKey);
    if (parentDepth === undefined) {
      issues.push(`“${criterion.name}” comes before its parent or has no parent in the template.`);
      continue;
    }
    depth.set(criterion.key, parentDepth + 1);
    if (parentDepth + 1 > MAX_CRITERIA_DEPTH)
      issues.push(`“${criterion.name}” is nested deeper than ${MAX_CRITERIA_DEPTH} levels.`);
    const scale = scaleIssue(criterion.scaleMin, criterion.scaleMax);
    if (scale) issues.push(`“${criterion.name}”: ${scale}`);
    else if (criterion.descriptors.length !== criterion.scaleMax - criterion.scaleMin + 1) {
      issues.push(`“${criterion.name}” needs one descriptor per point of its scale.`);
    }
  }
  const nodes = content.criteria.map((criterion, index) => ({
    id: criterion.key,
    parentId: criterion.parentKey,
    name: criterion.name,
    weight: criterion.weight,
    stage: criterion.stage,
    position: index,
  }));
  issues.push(...criteriaTreeIssues(nodes).map((issue) => issue.message));
  const parents = new Set(content.criteria.map((criterion) => criterion.parentKey));
  const criterionByKey = new Map(content.criteria.map((criterion) => [criterion.key, criterion]));
  content.sections.forEach((section, sectionIndex) => {
    if (!section.title.trim()) issues.push(`Section ${sectionIndex + 1} has no title.`);
    for (const requirement of section.requirements) {
      const target = requirement.criterionKey ? criterionByKey.get(requirement.criterionKey) : undefined;
      const label = `“${requirement.text.slice(0, 40)}…”`;
      if (requirement.kind === "MANDATORY" && requirement.criterionKey) {
        issues.push(`Mandatory requirement ${label} is pass/fail and is not scored under a criterion.`);
      }
      if (requirement.kind !== "SCORED") continue;
      if (!target) issues.push(`Scored requirement ${label} is not linked to a criterion of the template.`);
      else if (parents.has(target.key) || !LINKABLE_STAGES.includes(target.stage)) {
        issues.push(`Scored requirement ${label} must be linked to a written or oral criterion without sub-criteria.`);
      }
    }
  });
  return issues;
}

// ───────────────────────────── Built-in templates ─────────────────────────────

function criterion(
  key: string,
  parentKey: string | null,
  name: string,
  weight: number,
  stage: CriterionStage,
  description: string | null = null,
  descriptors?: string[],
): TemplateCriterion {
  return {
    key,
    parentKey,
    name,
    description,
    weight,
    stage,
    scaleMin: 0,
    scaleMax: 5,
    descriptors: descriptors ?? defaultDescriptors(0, 5),
  };
}

const mandatory = (text: string, evidenceRequested: string | null = null): TemplateRequirement => ({
  text,
  kind: "MANDATORY",
  criterionKey: null,
  evidenceRequested,
});

const scored = (criterionKey: string, text: string, evidenceRequested: string | null = null): TemplateRequirement => ({
  text,
  kind: "SCORED",
  criterionKey,
  evidenceRequested,
});

const custom = (category: string, text: string): TemplateQuestion => ({ category, text, standard: false });

const SUBMISSION_INSTRUCTIONS = `Submit your proposal through the vendor portal link you received with this RFP. We do not accept proposals by email or on paper.

**Deadline.** Proposals must be submitted before the proposal deadline shown in the timeline. The portal closes at that moment and late proposals are refused; we will not grant individual extensions. If we extend the deadline, we extend it for every vendor and tell you by addendum.

**Structure.** Answer every requirement in the portal, in order, stating whether you comply, partly comply or do not comply, and explain your answer. Where a requirement asks for evidence, attach it (PDF, DOCX, XLSX, PNG or JPEG) and say in your answer which attachment holds it. Complete the price schedule in the portal; prices elsewhere in your proposal are ignored.

**Clarifications.** Ask questions through the portal before the clarification deadline. We publish every question and its answer to all invited vendors, without naming who asked. Do not contact anyone in our organisation about this RFP other than through the portal.

**Evaluation.** Mandatory requirements are pass/fail: a proposal that does not meet one may be excluded. Scored requirements are scored by an independent panel against the criteria and weights published with this RFP. Shortlisted vendors are invited to an oral interview and receive the interview questions in advance; interviews may be held on video to spare you travel.

**Validity and costs.** Your proposal must remain valid for 120 days after the deadline. You bear your own costs of responding. This RFP is not an offer to contract; we may cancel it at any time, and will tell every vendor why.`;

const MANAGED_IT: BuiltInTemplate = {
  id: "managed-it-services",
  name: "Managed IT services outsourcing",
  description:
    "Service desk, end-user devices, infrastructure and cloud operations, and security monitoring under one provider, with service credits and a short initial term.",
  category: "Managed IT services",
  content: {
    sections: [
      {
        title: "Introduction and background",
        body: `We are inviting a small number of experienced providers to propose a managed IT service for our organisation: the service desk our staff call when something does not work, the laptops and phones they use, and the infrastructure and cloud services our business systems run on.

Today these services are delivered partly by an in-house team and partly by an incumbent provider whose contract ends in the coming year. We want one accountable provider, a service measured by outcomes our staff notice, and a contract that commits the provider to perform rather than us to pay regardless of performance.

**What a good outcome looks like**

- Staff get help quickly, through the channel they prefer, and most problems are fixed on first contact.
- Devices are secure, up to date and replaced before they fail.
- Outages are spotted by monitoring before users report them, and the root cause is fixed.
- We can see, every month, how the service performed against agreed targets — and are compensated when it does not.

This document describes the services, the service levels and the terms we expect, how to respond, and how proposals will be evaluated.`,
        requirements: [],
      },
      {
        title: "Scope of services",
        body: `The provider will deliver the following services for all staff, at all our sites and for remote workers.

1. **Service desk** — a single point of contact by phone, self-service portal, chat and email; incident, request, problem and change management following ITIL practice; English as the working language, with the languages of our sites for first-line calls.
2. **End-user services** — provisioning, imaging and shipping of Windows and macOS laptops and mobile phones; patching; software distribution; asset management; secure disposal; a device refresh every four years.
3. **Infrastructure and cloud operations** — monitoring and operation of our on-premises servers, storage, backup, local and wide-area network, and our public-cloud tenancy; capacity management; disaster-recovery tests twice a year.
4. **Security operations** — endpoint protection, vulnerability management, privileged access management, and 24×7 security monitoring with incident response.
5. **On-site support** — hands-and-feet support at each site for faults that cannot be fixed remotely.

Out of scope: application development, business-application support beyond first line, and telephony carriers' own services.`,
        requirements: [
          scored(
            "service-desk",
            "Describe how you will run the service desk: channels, hours, staffing model, languages, knowledge management and how you will raise first-contact resolution over the contract term.",
            "First-contact resolution and user-satisfaction results for two clients of comparable size over the last 12 months.",
          ),
          scored(
            "end-user",
            "Describe your end-user device management approach for Windows and macOS laptops and mobile phones: provisioning, patching, software distribution, refresh and secure disposal.",
          ),
          scored(
            "infrastructure",
            "Describe how you will monitor and operate our on-premises and public-cloud infrastructure, including proactive monitoring, capacity management, backup and disaster-recovery testing.",
            "A sample monthly infrastructure report with client details removed.",
          ),
          mandatory(
            "Provide on-site support at every site, arriving within four business hours for hardware faults that cannot be fixed remotely.",
          ),
        ],
      },
      {
        title: "Service levels and service credits",
        body: `Every service is delivered under written terms of service and a service-level agreement, whichever tier we buy. Propose your tiers explicitly — for example a **baseline** tier (triage and fix during business hours) and a **proactive** tier (24×7 monitoring and priority on-site attendance) — and price them separately.

The targets below are our minimum for the baseline tier. Each is measured monthly from the provider's ticketing and monitoring data, which we may audit.

| Measure | Target |
|---|---|
| Priority 1 incident: response | 15 minutes, 24×7 |
| Priority 1 incident: restore service | 4 hours |
| Priority 2 incident: restore service | 8 business hours |
| Service-desk calls answered | 90% within 60 seconds |
| First-contact resolution | 70% or more |
| User satisfaction (post-ticket survey) | 4.2 out of 5 or more |
| Core infrastructure availability | 99.9% per month |

**Service credits.** A missed target earns a service credit, calculated monthly and deducted automatically from the next invoice, up to 15% of the monthly charge. Credits are a price adjustment, not our only remedy.

**Chronic failure.** Missing the same target in three months out of any six, or any Priority 1 target twice in a quarter, gives us the right to terminate the affected service without penalty.`,
        requirements: [
          scored(
            "service-levels",
            "Propose the service tiers you offer, with terms of service and service-level targets for each, the measurement method, and the service-credit regime you accept.",
          ),
          mandatory(
            "Accept service credits for missed service levels, calculated monthly and deducted automatically from the next invoice, and our right to terminate for chronic service-level failure as described in this section.",
          ),
        ],
      },
      {
        title: "Transition and exit",
        body: `**Transition in.** The provider takes over from the incumbent and the in-house team over a transition period of no more than four months. We expect a plan with milestones, knowledge-transfer sessions, parallel running for critical services, and acceptance criteria that must be met before the provider's service levels (and our payments for run services) begin. Transition is priced as a fixed one-time charge.

**Staff.** Where employment law transfers staff to the provider, the provider consults and treats them fairly; tell us how you have handled transfers before.

**Exit.** The contract must end as smoothly as it started. Within three months of the start the provider delivers an exit plan — data, documentation, configuration, licences and knowledge to be handed over — keeps it current, and cooperates fully with us and any successor for up to six months after the end, at the rates in the contract.`,
        requirements: [
          scored(
            "transition",
            "Provide your transition plan: milestones, knowledge transfer from the incumbent, parallel running, risks and how you mitigate them, and the acceptance criteria for starting service.",
            "A transition plan from a comparable engagement, with client details removed.",
          ),
          mandatory(
            "Deliver an exit plan within three months of the contract start, keep it current, and cooperate with any successor provider for up to six months after the contract ends.",
          ),
        ],
      },
      {
        title: "Governance and reporting",
        body: `We manage the contract through three levels of governance.

- **Operational (monthly):** service-level report, major incidents and their root causes, open problems, changes planned for the next month.
- **Tactical (quarterly):** trends, continuous-improvement plan, risks, contract changes, and a review of service credits.
- **Strategic (yearly):** direction of our IT, the provider's roadmap, benchmarking of price and quality.

The provider names a service delivery manager who attends every operational meeting and has the authority to commit resources, and an executive sponsor who attends the strategic review. A contract term that no longer serves either party is raised at the next tactical meeting and, if unresolved, escalated to the executive sponsors rather than worked around.

Reports are delivered five business days after each month end, in a format we can load into our own reporting.`,
        requirements: [
          scored(
            "governance",
            "Describe the governance you propose: named roles, meeting cadence, reports, how you escalate and resolve disagreements, and how continuous improvement is planned and measured.",
          ),
        ],
      },
      {
        title: "Security, compliance and data protection",
        body: `The provider will have privileged access to our systems and to personal data of our staff and customers. We therefore require certified security management, processing of personal data under our data processing agreement, and notification of any security incident affecting us without undue delay and at the latest within 24 hours.

The provider follows our information-security policies, takes part in our annual penetration test and remediates findings within the agreed times, and allows us or our auditors to audit the services once a year.`,
        requirements: [
          mandatory(
            "Hold a current ISO/IEC 27001 certificate (or a SOC 2 Type II report of the last 12 months) whose scope covers the services you propose.",
            "A copy of the certificate and its statement of applicability, or the SOC 2 report.",
          ),
          mandatory(
            "Process personal data only in the EU/EEA or under a lawful transfer mechanism, and sign our data processing agreement without material changes.",
          ),
          scored(
            "security",
            "Describe your security operations for our environment: vulnerability management, privileged access, 24×7 monitoring, incident response and the notification times you commit to.",
          ),
        ],
      },
      {
        title: "Commercial terms",
        body: `**Term.** An initial term of up to 36 months, then rolling yearly or month to month at our choice. We prefer short terms and the right to leave over long commitments with heavy exit fees.

**Pricing.** Use the price schedule in the portal: one-time charges (transition, any tooling) and recurring monthly charges per unit (per user, per device, per server), with the quantities we give. State your price for each service tier separately. Prices are fixed for the first 24 months; after that, increases are capped at the consumer price index.

**Termination.** We may terminate for convenience on 90 days' notice after month 12, and immediately for chronic service-level failure or a material security breach.

**Invoicing.** Monthly in arrears, net of service credits, payable within 30 days.`,
        requirements: [
          mandatory(
            "Price every service in the portal's price schedule, in the RFP currency, showing all one-time and recurring charges; no charge outside the schedule will be payable.",
          ),
          mandatory(
            "Accept an initial term of no more than 36 months with termination for convenience on 90 days' notice after month 12.",
          ),
        ],
      },
      { title: "Submission instructions", body: SUBMISSION_INSTRUCTIONS, requirements: [] },
    ],
    criteria: [
      criterion(
        "technical",
        null,
        "Technical solution",
        40,
        "WRITTEN",
        "How well the proposed services meet the scope.",
      ),
      criterion("service-desk", "technical", "Service desk", 30, "WRITTEN", null, [
        "Not addressed",
        "Generic description; no evidence of results",
        "Covers the channels and hours, with gaps in staffing or languages",
        "Meets the scope with a credible staffing model",
        "Meets the scope with evidence of first-contact resolution and satisfaction results",
        "Exceeds the scope, with evidence of sustained improvement at comparable clients",
      ]),
      criterion("end-user", "technical", "End-user services", 20, "WRITTEN"),
      criterion("infrastructure", "technical", "Infrastructure and cloud operations", 30, "WRITTEN"),
      criterion("security", "technical", "Security operations", 20, "WRITTEN"),
      criterion("delivery", null, "Service delivery", 20, "WRITTEN", "Service levels, transition and governance."),
      criterion("service-levels", "delivery", "Service levels and credits", 40, "WRITTEN", null, [
        "No service levels proposed",
        "Service levels below our minimum, or no credits",
        "Our minimum met for some services only",
        "Our minimum met for every service, with credits",
        "Better than our minimum, with a clear measurement method",
        "Better than our minimum, with meaningful credits and tiers that fit our needs",
      ]),
      criterion("transition", "delivery", "Transition and exit", 35, "WRITTEN"),
      criterion("governance", "delivery", "Governance and reporting", 25, "WRITTEN"),
      criterion("oral", null, "Interview", 15, "ORAL", "What the panel sees and hears in the oral interview."),
      criterion("team", "oral", "Proposed team and account management", 60, "ORAL"),
      criterion("fit", "oral", "Understanding of our organisation", 40, "ORAL"),
      criterion("price", null, "Price", 25, "PRICE", "Total cost over the initial term, from the price schedule."),
    ],
    interviewQuestions: [
      ...STANDARD_INTERVIEW_QUESTIONS,
      custom(
        "Service delivery",
        "Which of the people presenting today will work on our account, and for what share of their time?",
      ),
      custom(
        "Service delivery",
        "What near-term limitations of your service should we accept at the start, and by when will each be lifted?",
      ),
      custom(
        "Transition",
        "What went wrong in your last transition from an incumbent, and what would you do differently here?",
      ),
    ],
  },
};

const CONTACT_CENTRE: BuiltInTemplate = {
  id: "contact-centre",
  name: "Contact-centre outsourcing",
  description:
    "Customer contact across phone, email, chat and social media, with quality and customer-satisfaction targets, brand representation and a performance-based price.",
  category: "Contact centre",
  content: {
    sections: [
      {
        title: "Introduction and objectives",
        body: `We are looking for a partner to handle contact with our customers on our behalf: answering questions, resolving problems, taking orders and handling complaints, across phone, email, chat and social media.

Our customers do not distinguish between our own staff and a partner's: every contact is our brand. We therefore look for a partner who will represent us as we would ourselves, measure quality the way our customers experience it, and improve over time rather than only meet a target.

**Objectives**

- Customers reach a knowledgeable person quickly, on the channel they choose.
- Most contacts are resolved the first time, without transfers or call-backs.
- Customer satisfaction rises, and the reasons customers contact us at all fall, because the partner reports and helps remove their causes.
- The price rewards outcomes (resolution, satisfaction) rather than time spent.`,
        requirements: [],
      },
      {
        title: "Scope of services",
        body: `**Channels and hours.** Phone and chat from 08:00 to 20:00 Monday to Saturday; email and social-media messages answered within one business day; an out-of-hours emergency line for service outages.

**Contact types.** General enquiries, order taking and order changes, billing questions, technical first-line support with hand-off to our second line, and complaints with escalation to our customer-relations team.

**Volumes.** We will give annual contact volumes per channel and contact type, with monthly and intraday patterns, in an attachment to this RFP through the portal. Propose how you staff to this forecast and how you flex for peaks (seasonal campaigns, outages).

**Languages.** The official languages of the countries we serve; propose how you cover less frequent languages.

**Sites and home working.** Tell us where the service will be delivered from, your business-continuity arrangements between sites, and your controls for agents working from home.`,
        requirements: [
          scored(
            "operations",
            "Describe your operating model for our service: sites, hours, channels, staffing to our forecast, how you flex for peaks, and how contacts are routed between channels and to our second line.",
            "An example staffing plan built from a comparable client's forecast.",
          ),
          mandatory(
            "Cover all the channels, hours and languages described in this section from the first day of service.",
          ),
          mandatory(
            "Operate from at least two sites (or a site and a managed home-working model) so that the loss of one site does not stop the service.",
          ),
        ],
      },
      {
        title: "Service levels and quality",
        body: `The partner is measured on what customers experience. Minimum targets, measured monthly per channel:

| Measure | Target |
|---|---|
| Calls answered within 20 seconds | 80% |
| Abandoned calls | under 5% |
| Chats answered within 30 seconds | 85% |
| Emails and social messages answered within one business day | 95% |
| First-contact resolution | 75% or more |
| Customer satisfaction (post-contact survey) | 85% satisfied or very satisfied |
| Quality assurance score (joint calibration) | 90% or more |

**Quality assurance.** The partner evaluates a sample of every agent's contacts each month against a scorecard we agree together, and holds monthly calibration sessions with our quality team so that both sides score the same contact the same way.

**Service credits.** Missed targets earn service credits of up to 10% of the monthly charge; persistent failure (the same target missed three months in any six) lets us terminate without penalty.`,
        requirements: [
          scored(
            "quality",
            "Describe how you measure and assure quality: the scorecard, sample sizes, calibration with our team, coaching of agents, and how results feed back into training and our processes.",
            "An anonymised monthly quality report for a current client.",
          ),
          mandatory(
            "Accept the minimum service levels and the service-credit regime in this section, measured from your systems, with our right to audit the data.",
          ),
        ],
      },
      {
        title: "People, training and brand",
        body: `Agents are the face of our brand. We expect the partner to recruit for attitude and language skills, train agents on our products and tone of voice before they take live contacts, and keep them: attrition is the main enemy of quality.

We provide product training material and train the partner's trainers; the partner runs induction and refresher training, keeps a training record per agent, and lets us observe training sessions.

Agents use our name, our greeting and our tone-of-voice guidelines. Any script or template sent to customers is approved by us before use.`,
        requirements: [
          scored(
            "workforce",
            "Describe your recruitment, induction and ongoing training for our account, your agent attrition over the last two years, and what you do to keep experienced agents.",
            "Twelve-month agent attrition and absence figures for your two largest comparable accounts.",
          ),
          scored(
            "brand",
            "Describe how your agents will represent our brand: how you teach our tone of voice, how you check it in live contacts, and how you handle a contact that goes wrong publicly (for example on social media).",
          ),
        ],
      },
      {
        title: "Technology and integration",
        body: `We prefer the partner to run the contact-centre platform (telephony, chat, email, workforce management, call recording, quality tools) as a cloud service, integrated with our customer-relationship management (CRM) system so that agents see the customer's history and every contact is logged against the customer.

Integration with our CRM and order systems uses their standard APIs; single sign-on uses our identity provider. Call recordings and transcripts are kept for the period our retention policy sets and are available to us on request. Payment-card data must never be heard or seen by agents.`,
        requirements: [
          scored(
            "platform",
            "Describe the contact-centre platform you propose (telephony, chat, email, workforce management, recording, quality tools), where it is hosted, and its availability over the last 12 months.",
          ),
          scored(
            "integration",
            "Describe how you will integrate with our CRM, order systems and identity provider: who builds and owns each integration, how you test it, and how you support it in live service.",
            "An integration design from a comparable engagement, with client details removed.",
          ),
          mandatory(
            "Take card payments only through a PCI DSS-compliant method in which agents never hear or see card numbers, and provide your current attestation of compliance.",
            "Current PCI DSS attestation of compliance.",
          ),
        ],
      },
      {
        title: "Transition",
        body: `The service moves to the partner in waves by contact type over no more than three months, starting with a pilot on one contact type. Each wave starts only when the agreed readiness criteria are met (trained agents, integrations tested, quality calibration done) and is followed by a period of hyper-care with daily reviews.

Propose a transition plan with milestones, the readiness criteria you suggest, the risks you see and how you will manage them.`,
        requirements: [
          scored(
            "transition",
            "Provide your transition plan: waves, pilot, readiness criteria, hyper-care, risks and mitigations, and the team that runs it.",
          ),
        ],
      },
      {
        title: "Governance, reporting and commercial terms",
        body: `**Governance.** Daily operational huddle during transition, weekly performance reviews in the first six months, monthly service reviews, and a quarterly business review with the partner's executive sponsor. The partner reports contact reasons every month and proposes at least one change per quarter that removes a cause of contact.

**Pricing model.** We prefer a price per resolved contact or per productive hour with a **gainshare** on first-contact resolution and customer satisfaction, over a price per agent seat. Use the price schedule in the portal: one-time charges (transition, set-up) and recurring monthly charges with the unit and quantity given.

**Term.** An initial term of 24 months, then month to month; termination for convenience on 90 days' notice after month 12. No minimum volume commitment.`,
        requirements: [
          mandatory(
            "Price in the portal's price schedule, in the RFP currency, showing all one-time and recurring charges; accept an initial term of 24 months with no minimum volume commitment.",
          ),
          scored(
            "governance",
            "Describe the governance and reporting you propose, including how you report contact reasons and how you will work with us to reduce avoidable contacts.",
          ),
        ],
      },
      { title: "Submission instructions", body: SUBMISSION_INSTRUCTIONS, requirements: [] },
    ],
    criteria: [
      criterion("service", null, "Service delivery", 35, "WRITTEN", "The operating model, quality and people."),
      criterion("operations", "service", "Operating model and staffing", 35, "WRITTEN"),
      criterion("quality", "service", "Quality assurance", 35, "WRITTEN", null, [
        "Not addressed",
        "No structured quality programme",
        "A scorecard, but small samples or no calibration",
        "A sound scorecard with calibration and coaching",
        "As 3, with evidence of quality improving at a current client",
        "As 4, with quality results feeding process changes that reduced contacts",
      ]),
      criterion("workforce", "service", "Recruitment, training and retention", 30, "WRITTEN"),
      criterion(
        "technology",
        null,
        "Technology and integration",
        20,
        "WRITTEN",
        "Platform and integration with our systems.",
      ),
      criterion("platform", "technology", "Contact-centre platform", 50, "WRITTEN"),
      criterion("integration", "technology", "Integration with our systems", 50, "WRITTEN"),
      criterion("delivery", null, "Transition and governance", 10, "WRITTEN"),
      criterion("transition", "delivery", "Transition plan", 60, "WRITTEN"),
      criterion("governance", "delivery", "Governance and continuous improvement", 40, "WRITTEN"),
      criterion(
        "experience",
        null,
        "Brand and customer experience",
        15,
        "ORAL",
        "Judged in the interview and site visit.",
      ),
      criterion("brand", "experience", "Brand representation", 60, "ORAL"),
      criterion("communication", "experience", "Communication and escalation", 40, "ORAL"),
      criterion("price", null, "Price", 20, "PRICE", "Total cost over the initial term at forecast volumes."),
    ],
    interviewQuestions: [
      ...STANDARD_INTERVIEW_QUESTIONS,
      custom(
        "Customer experience",
        "Play us two recorded contacts from a current client (with consent): one that went well and one that did not. What did you change after the second one?",
      ),
      custom(
        "Customer experience",
        "How would you handle a sudden spike of contacts after a service outage on a Saturday evening?",
      ),
      custom(
        "People",
        "Who will be the site manager for our account, and can we meet the team leaders before the contract starts?",
      ),
    ],
  },
};

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [MANAGED_IT, CONTACT_CENTRE];

export function builtInTemplate(id: string) {
  return BUILT_IN_TEMPLATES.find((template) => template.id === id) ?? null;
}
