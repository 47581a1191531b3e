import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every database starts with these (docs/RULES.md §4, §5): version 1 of each policy and the three tiers. */
const DEFAULT_POLICIES = [
  {
    kind: 'OPERATING_PRINCIPLES',
    title: '두레 운영원칙',
    body: `제1조 (목적) 두레는 사회적경제 조직이 서로의 재화와 서비스를 사고팔며 함께 성장하는 거래 장터이다.
제2조 (참여) 협력기관은 사업자등록을 한 사회적경제 조직으로서 사무국의 심사를 거쳐 회원 등급에 따른 회비를 낸다.
제3조 (공정한 거래) 협력기관은 상품과 서비스의 내용, 가격, 취소·환불 조건을 사실대로 알리고 약속한 일정과 품질을 지킨다.
제4조 (이용자 보호) 협력기관은 구매자의 개인정보를 거래 목적으로만 쓰고, 예약과 주문을 정당한 사유 없이 취소하지 않는다.
제5조 (회비와 정지) 회비를 납부기한 후 14일이 지나도록 내지 않으면 판매가 정지되고, 밀린 회비를 모두 내면 다시 열린다.
제6조 (퇴점) 협력기관은 언제든 퇴점할 수 있으며, 퇴점은 되돌릴 수 없다. 진행 중인 예약과 주문은 끝까지 책임진다.
제7조 (개정) 사무국은 이 원칙을 개정할 수 있으며, 개정된 원칙은 새 버전으로 공지한다.`,
  },
  {
    kind: 'ETHICS_CODE',
    title: '두레 윤리강령',
    body: `하나, 우리는 사람과 공동체를 이윤보다 앞에 둔다.
하나, 우리는 일하는 사람의 정당한 노동 대가와 안전을 보장한다.
하나, 우리는 거짓 광고, 부당한 가격, 끼워팔기를 하지 않는다.
하나, 우리는 돌봄과 교육 서비스에서 이용자의 존엄과 안전을 최우선으로 한다.
하나, 우리는 환경을 생각하며 지역에서 생산하고 소비한다.
하나, 우리는 다른 협력기관과 경쟁하기보다 협동하고, 거래에서 알게 된 정보를 부당하게 쓰지 않는다.
하나, 우리는 윤리강령을 어긴 경우 사무국의 조치를 성실히 따른다.`,
  },
  {
    kind: 'MARKET_CREATOR_TERMS',
    title: '두레 마켓 크리에이터 약관',
    body: `제1조 (목적) 이 약관은 마켓 크리에이터가 두레의 상품과 서비스를 자신의 마켓에 소개하고 추천 판매에 대한 수수료를 받는 조건을 정한다.
제2조 (추천의 정직성) 마켓 크리에이터는 직접 확인한 내용만 소개하며, 광고임을 밝히고 과장하거나 거짓으로 알리지 않는다.
제3조 (수수료) 수수료는 추천으로 결제된 금액에 상품별 수수료율을 곱해 계산하며, 이용 완료 또는 구매 확정 후 확정된다. 환불되면 그만큼 취소된다.
제4조 (자기 추천 금지) 자신이나 소속 조직의 구매에는 수수료가 생기지 않는다.
제5조 (지급) 확정된 수수료가 10,000원 이상이면 정해진 주기에 지급하며, 개인에게는 관련 세법에 따라 원천징수한다.
제6조 (해지) 약관을 어긴 경우 사무국은 마켓 운영을 정지하거나 계약을 해지할 수 있다.`,
  },
];

const DEFAULT_TIERS = [
  {
    code: 'BASIC',
    name: '베이직',
    description: '처음 두레에 함께하는 협력기관을 위한 등급',
    duesAmount: 10_000,
    billingPeriod: 'MONTHLY',
    platformFeeRateBps: 800,
    maxPublishedListings: 10,
    featuredListingSlots: 0,
    benefits: ['상품·서비스 10개까지 게시', '판매 수수료 8%'],
  },
  {
    code: 'STANDARD',
    name: '스탠다드',
    description: '여러 서비스를 꾸준히 파는 협력기관을 위한 등급',
    duesAmount: 30_000,
    billingPeriod: 'MONTHLY',
    platformFeeRateBps: 600,
    maxPublishedListings: 50,
    featuredListingSlots: 2,
    benefits: ['상품·서비스 50개까지 게시', '판매 수수료 6%', '추천 상품 자리 2개'],
  },
  {
    code: 'PREMIUM',
    name: '프리미엄',
    description: '두레의 대표 협력기관을 위한 연간 등급',
    duesAmount: 300_000,
    billingPeriod: 'YEARLY',
    platformFeeRateBps: 400,
    maxPublishedListings: null,
    featuredListingSlots: 5,
    benefits: ['상품·서비스 무제한 게시', '판매 수수료 4%', '추천 상품 자리 5개'],
  },
];

/** Policies and agreements, membership tiers, partner agencies, dues invoices and strikes. */
export class Membership1763900004000 implements MigrationInterface {
  name = 'Membership1763900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE policy_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        version integer NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid,
        CONSTRAINT policy_document_kind_version_uq UNIQUE (kind, version),
        CONSTRAINT policy_document_kind_check CHECK (kind IN ('OPERATING_PRINCIPLES', 'ETHICS_CODE', 'MARKET_CREATOR_TERMS')),
        CONSTRAINT policy_document_version_check CHECK (version > 0)
      )`);
    await q.query(`
      CREATE TABLE policy_agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        organization_id uuid,
        policy_id uuid NOT NULL CONSTRAINT policy_agreement_policy_id_fkey REFERENCES policy_document (id),
        kind text NOT NULL,
        version integer NOT NULL,
        agreed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX policy_agreement_user_idx ON policy_agreement (user_id, kind)`);
    await q.query(`CREATE INDEX policy_agreement_organization_idx ON policy_agreement (organization_id) WHERE organization_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE membership_tier (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL,
        name text NOT NULL,
        description text,
        dues_amount bigint NOT NULL,
        billing_period text NOT NULL,
        platform_fee_rate_bps integer NOT NULL,
        max_published_listings integer,
        featured_listing_slots integer NOT NULL,
        benefits text[] NOT NULL,
        active boolean NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT membership_tier_code_uq UNIQUE (code),
        CONSTRAINT membership_tier_billing_period_check CHECK (billing_period IN ('MONTHLY', 'YEARLY')),
        CONSTRAINT membership_tier_dues_check CHECK (dues_amount > 0),
        CONSTRAINT membership_tier_fee_check CHECK (platform_fee_rate_bps BETWEEN 0 AND 10000),
        CONSTRAINT membership_tier_listings_check CHECK (max_published_listings IS NULL OR max_published_listings >= 0),
        CONSTRAINT membership_tier_featured_check CHECK (featured_listing_slots >= 0)
      )`);
    await q.query(`
      CREATE TABLE partner_agency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        status text NOT NULL,
        tier_id uuid NOT NULL CONSTRAINT partner_agency_tier_id_fkey REFERENCES membership_tier (id),
        introduction text NOT NULL,
        service_categories text[] NOT NULL,
        review_note text,
        applied_at timestamptz NOT NULL,
        activated_at timestamptz,
        status_changed_at timestamptz NOT NULL,
        suspension_cause text,
        status_reason text,
        billing_anchor date,
        billing_period text,
        scheduled_tier_id uuid CONSTRAINT partner_agency_scheduled_tier_id_fkey REFERENCES membership_tier (id),
        scheduled_tier_from date,
        CONSTRAINT partner_agency_organization_uq UNIQUE (organization_id),
        CONSTRAINT partner_agency_status_check CHECK (status IN ('PENDING_REVIEW', 'CHANGES_REQUESTED', 'REJECTED', 'AWAITING_DUES', 'ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
        CONSTRAINT partner_agency_suspension_check CHECK ((status = 'SUSPENDED') = (suspension_cause IS NOT NULL)),
        CONSTRAINT partner_agency_suspension_cause_check CHECK (suspension_cause IN ('DUES', 'OPERATOR')),
        CONSTRAINT partner_agency_billing_period_check CHECK (billing_period IN ('MONTHLY', 'YEARLY')),
        CONSTRAINT partner_agency_scheduled_tier_check CHECK ((scheduled_tier_id IS NULL) = (scheduled_tier_from IS NULL))
      )`);
    await q.query(`CREATE INDEX partner_agency_status_idx ON partner_agency (status, applied_at)`);
    await q.query(`CREATE INDEX partner_agency_tier_idx ON partner_agency (tier_id)`);
    await q.query(`
      CREATE TABLE dues_invoice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_agency_id uuid NOT NULL CONSTRAINT dues_invoice_partner_agency_id_fkey REFERENCES partner_agency (id),
        tier_id uuid NOT NULL CONSTRAINT dues_invoice_tier_id_fkey REFERENCES membership_tier (id),
        kind text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        amount bigint NOT NULL,
        status text NOT NULL,
        due_date date NOT NULL,
        paid_at timestamptz,
        payment_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT dues_invoice_status_check CHECK (status IN ('OPEN', 'PAID', 'OVERDUE', 'VOID')),
        CONSTRAINT dues_invoice_kind_check CHECK (kind IN ('REGULAR', 'PRORATED')),
        CONSTRAINT dues_invoice_amount_check CHECK (amount > 0),
        CONSTRAINT dues_invoice_period_check CHECK (period_start <= period_end),
        CONSTRAINT dues_invoice_paid_check CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX dues_invoice_period_uq ON dues_invoice (partner_agency_id, period_start) WHERE kind = 'REGULAR' AND status <> 'VOID'`);
    await q.query(`CREATE INDEX dues_invoice_agency_idx ON dues_invoice (partner_agency_id, period_end)`);
    await q.query(`CREATE INDEX dues_invoice_unpaid_idx ON dues_invoice (due_date) WHERE status IN ('OPEN', 'OVERDUE')`);
    await q.query(`
      CREATE TABLE strike (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_agency_id uuid NOT NULL CONSTRAINT strike_partner_agency_id_fkey REFERENCES partner_agency (id),
        reason text NOT NULL,
        note text,
        created_by uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT strike_reason_check CHECK (reason IN ('LATE_SHIPMENT', 'MISSING_TRACKING_NUMBER', 'PROVIDER_CANCELLATION', 'PROVIDER_NO_SHOW', 'POLICY_VIOLATION'))
      )`);
    await q.query(`CREATE INDEX strike_partner_agency_idx ON strike (partner_agency_id, created_at)`);

    for (const policy of DEFAULT_POLICIES) {
      await q.query(`INSERT INTO policy_document (kind, version, title, body, published_at) VALUES ($1, 1, $2, $3, now())`, [
        policy.kind,
        policy.title,
        policy.body,
      ]);
    }
    for (const tier of DEFAULT_TIERS) {
      await q.query(
        `INSERT INTO membership_tier (code, name, description, dues_amount, billing_period, platform_fee_rate_bps, max_published_listings,
                                      featured_listing_slots, benefits, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, now(), now())`,
        [
          tier.code,
          tier.name,
          tier.description,
          tier.duesAmount,
          tier.billingPeriod,
          tier.platformFeeRateBps,
          tier.maxPublishedListings,
          tier.featuredListingSlots,
          tier.benefits,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE strike, dues_invoice, partner_agency, membership_tier, policy_agreement, policy_document`);
  }
}
