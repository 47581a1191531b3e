import { Injectable } from '@nestjs/common';
import { Column } from 'typeorm';
import { BadUserInputError, NotFoundError, RequestContext, endOfSeoulDay, startOfSeoulDay } from '../../common/src/index.js';
import { Organization, OrganizationService } from '../../identity/src/index.js';
import type { B2BPurchaseInput } from './dto/b2b-purchase.input.js';
import { PartnerAgencyService } from './partner-agency.service.js';

/**
 * The buyer side of a B2B purchase's tax invoice, copied when the purchase is made (docs/RULES.md §23):
 * a later change to the organization does not rewrite invoices of earlier purchases.
 */
export interface B2BBuyer {
  organizationName: string;
  businessRegistrationNumber: string;
  representativeName: string;
  address: string | null;
  email: string;
  contactName: string;
  contactPhone: string | null;
  businessType: string | null;
  businessItem: string | null;
}

/**
 * Who a checkout, order, consultation or reservation was bought for: all null for a personal purchase.
 * Embedded in each of those entities (`@Column(() => B2BPurchase, { prefix: false })`).
 */
export class B2BPurchase {
  @Column({ name: 'buyer_organization_id', type: 'uuid', nullable: true })
  buyerOrganizationId: string | null;

  @Column({ name: 'purchase_order_number', type: 'text', nullable: true })
  purchaseOrderNumber: string | null;

  @Column({ name: 'b2b_buyer', type: 'jsonb', nullable: true })
  buyer: B2BBuyer | null;
}

export const PERSONAL_PURCHASE: Readonly<B2BPurchase> = { buyerOrganizationId: null, purchaseOrderNumber: null, buyer: null };

/** `onBehalfOf` of checkout, reserve and requestConsultation (docs/RULES.md §23). */
@Injectable()
export class B2BPurchases {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly agencies: PartnerAgencyService,
  ) {}

  /**
   * The caller must be OWNER or MANAGER of the organization (STAFF FORBIDDEN, others NOT_FOUND), which may
   * not be the organization of any supplying agency (BAD_USER_INPUT); the buyer side is copied now.
   */
  async resolve(ctx: RequestContext, input: B2BPurchaseInput | null | undefined, supplierAgencyIds: readonly string[]): Promise<B2BPurchase> {
    if (!input) return { ...PERSONAL_PURCHASE };
    await this.organizations.requireActingRole(ctx, input.organizationId);
    const organization = await this.organizations.getById(ctx, input.organizationId);
    for (const agencyId of new Set(supplierAgencyIds)) {
      if ((await this.agencies.load(ctx, agencyId))?.organizationId === organization.id) {
        throw BadUserInputError.field('onBehalfOf.organizationId', 'is the supplier’s own organization');
      }
    }
    const recipient = input.taxInvoice;
    return {
      buyerOrganizationId: organization.id,
      purchaseOrderNumber: input.purchaseOrderNumber?.trim() || null,
      buyer: {
        organizationName: organization.name,
        businessRegistrationNumber: organization.businessRegistrationNumber,
        representativeName: organization.representativeName,
        address: organization.address,
        email: recipient.email.trim(),
        contactName: recipient.contactName.trim(),
        contactPhone: recipient.contactPhone?.trim() || null,
        businessType: recipient.businessType?.trim() || null,
        businessItem: recipient.businessItem?.trim() || null,
      },
    };
  }

  /** `buyerOrganization` of a purchase; batched per request. */
  buyerOrganization(ctx: RequestContext, purchase: B2BPurchase | null | undefined): Promise<Organization | null> {
    const id = purchase?.buyerOrganizationId;
    return id ? this.organizations.load(ctx, id) : Promise.resolve(null);
  }

  /** Whether the caller is a member (any role) of the organization the purchase was for (docs/RULES.md §25). */
  async isBuyerOrganizationMember(ctx: RequestContext, purchase: B2BPurchase | null | undefined): Promise<boolean> {
    const id = purchase?.buyerOrganizationId;
    return !!id && (await this.organizations.roleOf(ctx, id)) !== null;
  }

  /** For `organizationCheckouts` and similar lists: its members and operators, others NOT_FOUND. */
  async assertMayReadPurchasesOf(ctx: RequestContext, organizationId: string): Promise<void> {
    ctx.requireUser();
    if (ctx.isOperator || (await this.organizations.roleOf(ctx, organizationId))) return;
    throw new NotFoundError('Organization', organizationId);
  }
}

/**
 * One order or reservation bought on an organization's behalf, as commerce and booking report it for the
 * priority-purchase report (docs/RULES.md §24): `amount` is paid − refunded at the time of reading.
 */
export interface PaidB2BPurchase {
  kind: 'ORDER' | 'RESERVATION';
  id: string;
  number: string;
  paidAt: Date;
  amount: number;
  partnerAgencyId: string;
  /** Titles of what was bought, joined. */
  description: string;
  purchaseOrderNumber: string | null;
}

/** A paid B2B purchase as commerce's and booking's statements select it (bigint amounts come back as text). */
export interface PaidB2BPurchaseRow {
  id: string;
  number: string;
  paid_at: Date;
  amount: string;
  partner_agency_id: string;
  purchase_order_number: string | null;
}

/** The row as a PaidB2BPurchase. */
export function paidB2BPurchase(kind: PaidB2BPurchase['kind'], row: PaidB2BPurchaseRow, description: string | null): PaidB2BPurchase {
  return {
    kind,
    id: row.id,
    number: row.number,
    paidAt: row.paid_at,
    amount: Number(row.amount),
    partnerAgencyId: row.partner_agency_id,
    description: description ?? '',
    purchaseOrderNumber: row.purchase_order_number,
  };
}

/** The instants bounding payments made on the KST dates from..to: [00:00 on `from`, 00:00 after `to`). */
export function paidOnKstDates(from: string, to: string): [Date, Date] {
  return [startOfSeoulDay(from), endOfSeoulDay(to)];
}
